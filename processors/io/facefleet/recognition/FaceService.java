package io.facefleet.recognition;

import io.facefleet.engine.Attribute;
import io.facefleet.engine.Detection;
import io.facefleet.engine.Face;
import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.gallery.Example;
import io.facefleet.gallery.Gallery;
import io.facefleet.gallery.Match;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * What a caller asks of a face service, on image bytes: detect, analyze, identify against the
 * gallery, verify two images, enrol a subject. Bad images raise the decoder's typed
 * {@code ImageRejectedException}; an enrolment image without exactly one face raises
 * {@link EnrolmentException}.
 */
public final class FaceService {

    /**
     * A face, the gallery's answer for it, and why its quality is below the bounds (empty when it
     * is not): the answer for such a face is a guess from a poor picture.
     */
    public record IdentifiedFace(Face face, Match match, List<QualityBounds.Reason> lowQuality) {

        public IdentifiedFace(Face face, Match match) {
            this(face, match, List.of());
        }
    }

    /** Distance between the largest faces of two images and whether it is under the threshold. */
    public record Verification(float distance, boolean samePerson, float threshold) {
    }

    private final ImageDecoder decoder;
    private final FaceEngine engine;
    private final Gallery gallery;
    private final AnalysisCache cache;
    private final QualityBounds bounds;

    /** A service that judges no quality ({@link QualityBounds#NONE}) and caches nothing. */
    public FaceService(ImageDecoder decoder, FaceEngine engine, Gallery gallery) {
        this(decoder, engine, gallery, new AnalysisCache(0));
    }

    public FaceService(ImageDecoder decoder, FaceEngine engine, Gallery gallery, AnalysisCache cache) {
        this(decoder, engine, gallery, cache, QualityBounds.NONE);
    }

    /**
     * @param bounds the quality an enrolled face needs; recognised faces below it are reported
     *               as low quality
     */
    public FaceService(ImageDecoder decoder, FaceEngine engine, Gallery gallery, AnalysisCache cache, QualityBounds bounds) {
        this.decoder = decoder;
        this.engine = engine;
        this.gallery = gallery;
        this.cache = cache;
        this.bounds = bounds;
    }

    public QualityBounds bounds() {
        return bounds;
    }

    public AnalysisCache cache() {
        return cache;
    }

    public Gallery gallery() {
        return gallery;
    }

    public FaceEngine engine() {
        return engine;
    }

    /** Width and height of an image as shown (EXIF orientation applied), from its header. */
    public int[] uprightSize(byte[] image) {
        return decoder.uprightSize(image);
    }

    public List<Detection> detect(byte[] image) {
        return engine.detect(decoder.decode(image));
    }

    /** Every face of the image; byte-identical images are answered from the cache when it is on. */
    public List<Face> analyze(byte[] image) {
        return analyze(image, Set.of());
    }

    /**
     * Every face of the image with the asked attributes (none: the attribute nets do not run); the
     * cache answers only a request for the same image and the same attributes.
     */
    public List<Face> analyze(byte[] image, Set<Attribute> attributes) {
        return analysis(image, attributes).faces();
    }

    /** An image's faces, with its pixels when this call decoded them (null: the cache answered). */
    private record Analysis(String key, List<Face> faces, RgbImage pixels) {
    }

    private Analysis analysis(byte[] image, Set<Attribute> attributes) {
        String key = sha256(image);
        List<Face> faces = cache.get(key, attributes);
        if (faces != null) {
            return new Analysis(key, faces, null);
        }
        RgbImage pixels = decoder.decode(image);
        faces = engine.analyze(pixels, attributes);
        cache.put(key, attributes, faces);
        return new Analysis(key, faces, pixels);
    }

    /** Every face with its nearest subject, largest face first. */
    public List<IdentifiedFace> identify(byte[] image) {
        return identify(null, image, Set.of());
    }

    /**
     * The same against a named collection (null: the default one), each face with the asked
     * attributes; 404 for an unknown collection.
     */
    public List<IdentifiedFace> identify(String collection, byte[] image, Set<Attribute> attributes) {
        Gallery target = gallery.in(collection);
        List<IdentifiedFace> out = new ArrayList<>();
        for (Face f : largestFirst(analyze(image, attributes))) {
            out.add(new IdentifiedFace(f, target.match(f.descriptor()), bounds.failed(f.quality())));
        }
        return out;
    }

    public Verification verify(byte[] first, byte[] second) {
        Face a = largest(analyze(first), "first");
        Face b = largest(analyze(second), "second");
        float distance = (float) Gallery.distance(a.descriptor(), b.descriptor());
        return new Verification(distance, distance < gallery.threshold(), gallery.threshold());
    }

    /**
     * Enrols the one face of an image; identical image bytes are enrolled once per subject. A face
     * below the quality bounds is refused with {@link LowQualityFaceException}, saying why.
     */
    public Example enroll(String subject, byte[] image, String source) {
        return enroll(null, subject, image, source);
    }

    /** The same into a named collection (null: the default one); 404 for an unknown collection. */
    public Example enroll(String collection, String subject, byte[] image, String source) {
        Gallery.validateName(subject);
        Gallery target = gallery.in(collection);
        Analysis analysis = analysis(image, Set.of());
        List<Face> faces = analysis.faces();
        if (faces.size() != 1) {
            throw new EnrolmentException(source + ": an enrolment image needs exactly one face, found " + faces.size());
        }
        Face face = faces.get(0);
        List<QualityBounds.Reason> low = bounds.failed(face.quality());
        if (!low.isEmpty()) {
            throw new LowQualityFaceException(source + ": the face is not good enough to enrol: "
                    + bounds.explain(face.quality()), low);
        }
        float[] kept = enrolmentDescriptors(image, analysis.pixels(), List.of(face)).get(0);
        return target.enroll(subject, kept, source, analysis.key());
    }

    /**
     * The descriptor an enrolment of {@code face} (one of {@code image}'s faces) keeps: the engine's
     * enrolment rule for tiny faces ({@link FaceEngine#enrolmentDescriptor}), otherwise its own.
     */
    public float[] enrolmentDescriptor(byte[] image, Face face) {
        return enrolmentDescriptors(image, List.of(face)).get(0);
    }

    /** The same for several faces of one image, in their order; the image is decoded once at most. */
    public List<float[]> enrolmentDescriptors(byte[] image, List<Face> faces) {
        return enrolmentDescriptors(image, null, faces);
    }

    /** {@code pixels}: the image already decoded, or null (decoded here only if a face is tiny). */
    private List<float[]> enrolmentDescriptors(byte[] image, RgbImage pixels, List<Face> faces) {
        List<float[]> out = new ArrayList<>(faces.size());
        for (Face f : faces) {
            if (engine.enrolsApart(f)) {
                // tiny faces read the pixels again around their box: decoding a photo costs as much as a face's nets
                pixels = pixels != null ? pixels : decoder.decode(image);
                out.add(engine.enrolmentDescriptor(pixels, f));
            } else {
                out.add(f.descriptor());
            }
        }
        return out;
    }

    /** The faces, largest box first. */
    public static List<Face> largestFirst(List<Face> faces) {
        List<Face> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingDouble((Face f) -> -(double) f.detection().width() * f.detection().height()));
        return sorted;
    }

    private static Face largest(List<Face> faces, String which) {
        if (faces.isEmpty()) {
            throw new EnrolmentException("no face found in the " + which + " image");
        }
        return largestFirst(faces).get(0);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
