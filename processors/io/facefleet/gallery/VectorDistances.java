package io.facefleet.gallery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this JVM computes the HNSW graph's distances (facefleet.gallery.vector-distance): in SIMD
 * lanes through jdk.incubator.vector when the JVM was started with {@code --add-modules
 * jdk.incubator.vector}, else with Lucene's own scorer (scalar Java on Java 17). One choice per
 * JVM, because Lucene reads segments through a format instance it creates itself.
 */
public final class VectorDistances {

    private static final Logger LOG = LoggerFactory.getLogger(VectorDistances.class);
    static final String MODULE = "jdk.incubator.vector";
    /** the settings' values */
    public static final String SIMD = "simd";
    public static final String LUCENE = "lucene";
    /** the java option that gives a JVM the SIMD distances (before -jar or the main class) */
    public static final String JAVA_OPTION = "--add-modules=" + MODULE;

    /** what a mode gives on this JVM: the SIMD distance, or null for Lucene's scorer; why, and whether that wants the operator's eye */
    record Choice(SquareDistance simd, String description, boolean warn) {
    }

    private static volatile Choice choice;

    private VectorDistances() {
    }

    /** Picks the distances for this JVM ({@link #SIMD} or {@link #LUCENE}) and logs the outcome once. */
    public static void use(String mode) {
        use(choose(mode, ModuleLayer.boot().findModule(MODULE).isPresent()));
    }

    /** Installs a choice, logging it when it differs from the last (tests install their own). */
    static synchronized void use(Choice c) {
        if (choice == null || !choice.description().equals(c.description())) {
            if (c.warn()) {
                LOG.warn(c.description());
            } else {
                LOG.info(c.description());
            }
        }
        choice = c;
    }

    /** {@code modulePresent}: whether the boot layer holds jdk.incubator.vector (a parameter, so tests can take the other path). */
    static Choice choose(String mode, boolean modulePresent) {
        if (LUCENE.equals(mode)) {
            return new Choice(null, "vector distances: Lucene's scorer (facefleet.gallery.vector-distance=lucene)", false);
        }
        if (!SIMD.equals(mode)) {
            throw new IllegalArgumentException("facefleet.gallery.vector-distance is simd or lucene; got '" + mode + "'");
        }
        if (!modulePresent) {
            return new Choice(null, "vector distances run scalar (Lucene's scorer): this JVM lacks " + MODULE
                    + "; start it with `java --add-modules " + MODULE + " -jar facefleet.jar ...` for SIMD distances"
                    + " (faster graph builds and searches, docs/benchmarks.md)", true);
        }
        return new Choice(simdDistance(), "vector distances: SIMD, " + SimdSquareDistance.laneBits() + "-bit lanes (" + MODULE + ")", false);
    }

    /** The only place that touches the Vector API class: reached only when the module is present. */
    private static SquareDistance simdDistance() {
        return new SimdSquareDistance();
    }

    /** The SIMD distance, or null for Lucene's scorer; {@link #SIMD} unless {@link #use} chose otherwise. */
    static SquareDistance simd() {
        Choice c = choice;
        if (c == null) {
            use(SIMD);
            c = choice;
        }
        return c.simd();
    }

    /** The options a child JVM needs to compute distances as this one does: the module's when this JVM has it. */
    public static java.util.List<String> javaOptionsLikeThisJvm() {
        return ModuleLayer.boot().findModule(MODULE).isPresent() ? java.util.List.of(JAVA_OPTION) : java.util.List.of();
    }

    /** What the JVM uses, in words (benchmark reports). */
    public static String describe() {
        simd();
        return choice.description();
    }
}
