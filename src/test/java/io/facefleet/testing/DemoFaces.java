package io.facefleet.testing;

import io.facefleet.engine.Face;
import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.image.ImageDecoder;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Labelled faces that every checkout has: the face package's own demo photos (the build unpacks
 * them under {@code target/face-api/demo}), cut into one portrait per person. No third-party
 * photo set is needed, so tests built on these never skip.
 *
 * <p>People are told apart by the model itself: a face joins the set only when its descriptor is
 * farther than {@link #DISTINCT} from every face already in it, so two photos of one person are
 * never given two labels. {@link Person#variant} makes a new image of the same portrait each time
 * (shifted, brightened or darkened, re-encoded): distinct bytes, so no cache answers for it.
 */
public final class DemoFaces {

    /**
     * Descriptor distance above which two faces count as different people. The demo photos' faces
     * are 0.47-0.90 apart; the closest pairs (below 0.55) may be one person, so one of each is left out.
     */
    static final float DISTINCT = 0.55f;
    /** Side of a portrait in pixels: big enough that every variant is found and named reliably. */
    static final int SIDE = 200;

    /** Variants a person's portrait must pass (one face found in each) to join the set. */
    static final int PROBES = 4;

    private static List<Person> people;

    private DemoFaces() {
    }

    /** One person: a label, and the portrait cut from demo photo {@code photo} ({@link #photo(int)}). */
    public record Person(String label, int photo, BufferedImage source, int cx, int cy, int half) {

        /** The portrait itself, as JPEG. */
        public byte[] portrait() {
            return jpeg(crop(0, 0, 1f), 0.92f);
        }

        /**
         * Another image of this portrait: shifted by up to 3 px, brightness within ±4 %, JPEG quality
         * 0.80-0.95, all drawn from {@code seed}. Different seeds give different bytes.
         */
        public byte[] variant(long seed) {
            Random r = new Random(seed);
            int dx = r.nextInt(7) - 3;
            int dy = r.nextInt(7) - 3;
            float gain = 0.96f + r.nextFloat() * 0.08f;
            return jpeg(crop(dx, dy, gain), 0.80f + r.nextFloat() * 0.15f);
        }

        private BufferedImage crop(int dx, int dy, float gain) {
            BufferedImage out = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            // the square around the face, scaled to SIDE; what lies outside the photo stays black
            double scale = SIDE / (2.0 * half);
            g.scale(scale, scale);
            g.translate(-(cx - half + dx), -(cy - half + dy));
            g.drawImage(source, 0, 0, null);
            g.dispose();
            if (gain != 1f) {
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        int p = out.getRGB(x, y);
                        int red = Math.min(255, Math.round(((p >> 16) & 255) * gain));
                        int green = Math.min(255, Math.round(((p >> 8) & 255) * gain));
                        int blue = Math.min(255, Math.round((p & 255) * gain));
                        out.setRGB(x, y, (red << 16) | (green << 8) | blue);
                    }
                }
            }
            return out;
        }
    }

    /** The demo photo {@code sample<n>.jpg} (n = 1..6) that the build unpacked. */
    public static Path photo(int n) {
        Path p = TestData.buildDir().resolve("face-api/demo/sample" + n + ".jpg");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run the build (mvn package) first, it unpacks the face package");
        }
        return p;
    }

    /** Every distinct person of the six demo photos, labelled person-01, person-02, ... in photo order. */
    public static synchronized List<Person> people() {
        if (people == null) {
            people = find(TestData.engine());
        }
        return people;
    }

    /** The first {@code n} people; fails when the demo photos hold fewer. */
    public static List<Person> people(int n) {
        List<Person> all = people();
        if (all.size() < n) {
            throw new IllegalStateException("the demo photos hold " + all.size() + " distinct people, not " + n);
        }
        return all.subList(0, n);
    }

    private static List<Person> find(FaceEngine engine) {
        List<Person> found = new ArrayList<>();
        List<float[]> descriptors = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            try {
                byte[] bytes = Files.readAllBytes(photo(n));
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
                for (Face f : engine.analyze(TestData.decode(photo(n)))) {
                    if (descriptors.stream().allMatch(d -> distance(d, f.descriptor()) > DISTINCT)) {
                        var d = f.detection();
                        int half = Math.round(Math.max(d.width(), d.height()) * 1.0f);
                        Person p = new Person(String.format("person-%02d", found.size() + 1), n, img,
                                Math.round(d.x() + d.width() / 2), Math.round(d.y() + d.height() / 2), half);
                        if (oneFaceInEach(engine, p)) {
                            found.add(p);
                            descriptors.add(f.descriptor());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(found);
    }

    /** The portrait and a few variants each show exactly one face: the detector sees this person at this size. */
    private static boolean oneFaceInEach(FaceEngine engine, Person p) {
        ImageDecoder decoder = new ImageDecoder();
        if (engine.detect(decoder.decode(p.portrait())).size() != 1) {
            return false;
        }
        for (long seed = 1; seed <= PROBES; seed++) {
            if (engine.detect(decoder.decode(p.variant(-seed))).size() != 1) {
                return false;
            }
        }
        return true;
    }

    private static float distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return (float) Math.sqrt(s);
    }

    static byte[] jpeg(BufferedImage img, float quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(img, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
