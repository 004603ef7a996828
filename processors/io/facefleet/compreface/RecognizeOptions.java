package io.facefleet.compreface;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Exchange;

/**
 * The query parameters of {@code POST /api/v1/recognition/recognize}, checked before anything is
 * stored (a bad value is CompreFace's 400 with code 26, or 12 for prediction_count).
 *
 * @param detProbThreshold least detector score of a face to report (0..1); null: every face the
 *     detector reports (it already drops faces below {@code facefleet.engine.min-confidence})
 * @param limit most faces to report, largest first; 0: all
 * @param predictionCount most subjects per face (at least 1; the worker names one, the nearest)
 * @param plugins the face plugins asked for that this service has ({@link #LANDMARKS},
 *     {@link #POSE}); unknown slugs (age, gender, mask, calculator, Double Take's "undefined") are ignored
 * @param status true: add execution_time per face
 */
public record RecognizeOptions(Double detProbThreshold, int limit, int predictionCount, Set<String> plugins, boolean status) {

    /** Exchange property the answer reads them from. */
    public static final String PROPERTY = "facefleetCompreFaceOptions";
    /** Five points per face (eye centres, nose tip, mouth corners), from the 68 landmarks. */
    public static final String LANDMARKS = "landmarks";
    /** Head pose (pitch, roll, yaw in degrees), from the quality measures. */
    public static final String POSE = "pose";

    /** Reads and checks the options from the request's query parameters and keeps them on the exchange. */
    public static void read(Exchange exchange) {
        var msg = exchange.getMessage();
        Double det = null;
        String detText = text(msg.getHeader("det_prob_threshold", String.class));
        if (detText != null) {
            det = number("det_prob_threshold", detText);
            if (det < 0 || det > 1) {
                throw invalid("det_prob_threshold is between 0.0 and 1.0, got " + detText);
            }
        }
        int limit = whole("limit", msg.getHeader("limit", String.class), 0);
        if (limit < 0) {
            throw invalid("limit is 0 (no limit) or more, got " + limit);
        }
        int predictions = whole("prediction_count", msg.getHeader("prediction_count", String.class), 1);
        if (predictions < 1) {
            throw new CompreFaceError(400, CompreFaceError.INCORRECT_PREDICTION_COUNT, "prediction_count must be 1 or more, got " + predictions);
        }
        Set<String> plugins = new TreeSet<>();
        String slugs = text(msg.getHeader("face_plugins", String.class));
        if (slugs != null) {
            for (String slug : slugs.split(",")) {
                String s = slug.strip().toLowerCase(Locale.ROOT);
                if (s.equals(LANDMARKS) || s.equals(POSE)) {
                    plugins.add(s);
                }
            }
        }
        boolean status = "true".equalsIgnoreCase(text(msg.getHeader("status", String.class)));
        exchange.setProperty(PROPERTY, new RecognizeOptions(det, limit, predictions, Set.copyOf(plugins), status));
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static double number(String name, String text) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isNaN(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(name + " is a number, got " + text);
        }
    }

    private static int whole(String name, String value, int absent) {
        String text = text(value);
        if (text == null) {
            return absent;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(name + " is a whole number, got " + text);
        }
    }

    private static CompreFaceError invalid(String message) {
        return new CompreFaceError(400, CompreFaceError.VALIDATION_CONSTRAINT_VIOLATION, message);
    }
}
