package io.facefleet.engine.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The weight files of the five nets, from the jar ({@code model/} on the classpath, put there by
 * the build) or from a directory ({@code facefleet.model.dir}). Every file is checked against the
 * SHA-256 pinned here, so a missing or corrupt file stops start-up with a message naming it.
 */
public final class ModelFiles {

    /** The nets we use, by file stem. */
    public static final String DETECTOR = "ssd_mobilenetv1_model";
    public static final String LANDMARKS = "face_landmark_68_model";
    public static final String RECOGNITION = "face_recognition_model";
    /** The attribute nets, run only when a request asks for attributes. */
    public static final String AGE_GENDER = "age_gender_model";
    public static final String EXPRESSION = "face_expression_model";

    /** SHA-256 of the files of @vladmandic/face-api 1.7.15. */
    private static final Map<String, String> SHA256 = Map.of(
            "ssd_mobilenetv1_model-weights_manifest.json", "888f744dffbc84f5f060d1f8427d9742341943a2dfaaf9205d10029b7e7a2955",
            "ssd_mobilenetv1_model.bin", "2835640602d53718aa6ae9a42896327eaa21beefed056c218d32ca7d79e1e2f8",
            "face_landmark_68_model-weights_manifest.json", "ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9",
            "face_landmark_68_model.bin", "4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b",
            "face_recognition_model-weights_manifest.json", "cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b",
            "face_recognition_model.bin", "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589",
            "age_gender_model-weights_manifest.json", "74b60bf3ebf981bf4e661e9cca3a185614e10b25d797118b62e2a68d3ff2569f",
            "age_gender_model.bin", "49f92bbc0afef2342c4385e4a2b0acb6d7a727c6f0aa539499719a81acf9abaa",
            "face_expression_model-weights_manifest.json", "5b349c17c7836da506e03422cd6461c74085d8bb2713ad4114647dc5d28174c8",
            "face_expression_model.bin", "9a9840f2cf1f4c7eab95f197512569345c00d2426754d4608b92af30e0300f3d");

    private final Path dir;

    private ModelFiles(Path dir) {
        this.dir = dir;
    }

    /** Weights bundled in the application jar. */
    public static ModelFiles bundled() {
        return new ModelFiles(null);
    }

    /** Weights in {@code dir}; a blank or null value means the bundled ones. */
    public static ModelFiles from(String dir) {
        return dir == null || dir.isBlank() ? bundled() : new ModelFiles(Path.of(dir));
    }

    /** Where the files come from, for log lines. */
    public String describe() {
        return dir == null ? "classpath:model/" : dir.toAbsolutePath().toString();
    }

    /** Loads and checks one net's manifest and bin, then dequantises its tensors. */
    public Map<String, WeightTensor> load(String net) {
        byte[] manifest = read(net + "-weights_manifest.json");
        byte[] bin = read(net + ".bin");
        try {
            return TfjsWeights.parse(manifest, bin);
        } catch (IOException e) {
            throw new ModelFileException("model " + net + " in " + describe() + " cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** Reads one file and checks it against its pinned SHA-256. */
    byte[] read(String file) {
        String expected = SHA256.get(file);
        byte[] bytes;
        try (InputStream in = open(file)) {
            if (in == null) {
                throw new ModelFileException("model file " + file + " is missing from " + describe()
                        + " (expected SHA-256 " + expected + ")");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ModelFileException("model file " + file + " in " + describe() + " cannot be read: " + e.getMessage()
                    + " (expected SHA-256 " + expected + ")", e);
        }
        String actual = sha256(bytes);
        if (expected != null && !expected.equals(actual)) {
            throw new ModelFileException("model file " + file + " in " + describe() + " is corrupt: SHA-256 "
                    + actual + ", expected " + expected);
        }
        return bytes;
    }

    private InputStream open(String file) throws IOException {
        if (dir == null) {
            return ModelFiles.class.getClassLoader().getResourceAsStream("model/" + file);
        }
        Path p = dir.resolve(file);
        return Files.isRegularFile(p) ? Files.newInputStream(p) : null;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
