package io.facefleet.gallery;

import java.nio.file.Path;
import java.util.List;

/**
 * Enrolled subjects, each with several example faces, matched by euclidean distance to the
 * nearest example (face-api's FaceMatcher rule, threshold 0.6 by default). What FaceService,
 * the CLI, the subjects API and the seed path use: on one host the default collection of the
 * data directory's {@link Catalog}; on the aws profile the default collection of the catalogue
 * every host shares through S3 ({@link Catalog#openShared}).
 */
public interface Gallery {

    /** The longest subject name. */
    int MAX_NAME = 100;

    /** The default collection of a data directory's gallery (opened once per JVM and directory). */
    static Gallery open(Path dataDir, float threshold) {
        return Catalogs.shared(dataDir, GallerySettings.defaults()).gallery(Catalog.DEFAULT, threshold);
    }

    /** The same; {@code refreshMillis} is unused on one host (every process in it shares the open collection). */
    static Gallery open(Path dataDir, float threshold, long refreshMillis) {
        return open(dataDir, threshold);
    }

    float threshold();

    /** Adds an example face to a subject (created on first use); returns the example. */
    default Example enroll(String subject, float[] descriptor, String source) {
        return enroll(subject, descriptor, source, null);
    }

    /**
     * Adds an example face; when {@code sha256} (of the source image) is already among the
     * subject's examples, the existing example is returned and nothing is added.
     */
    Example enroll(String subject, float[] descriptor, String source, String sha256);

    /** Nearest example over all subjects. */
    Match match(float[] descriptor);

    /** The k nearest faces with their ids and distances, nearest first (named collections only). */
    default List<Hit> nearest(float[] descriptor, int k) {
        throw new io.facefleet.messaging.HttpError(400, "searching faces by image needs the named collections of the local profile");
    }

    /** Every subject with its examples, in the order they were first enrolled. */
    List<Subject> subjects();

    /** Removes a subject and its examples; false when there was none. */
    boolean delete(String subject);

    /** Removes one example of a subject (the subject too when it was its last). */
    boolean deleteExample(String subject, String exampleId);

    /** The gallery of a named collection (null or "default": this one); 404 when there is none. */
    Gallery in(String collection);

    /** Rejects names that would be confusing or unsafe as labels and storage keys. */
    static void validateName(String name) {
        Names.check("a subject name", name, MAX_NAME);
    }

    /** Rejects collection names that break the naming rule (their length limit is a setting, checked on create). */
    static void validateCollectionName(String name) {
        Names.check("a collection name", name, Integer.MAX_VALUE);
    }

    /** Euclidean distance of two descriptors. */
    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
