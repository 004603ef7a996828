package io.facefleet.engine;

import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.FaceRecognitionNet;

/**
 * What an enrolled tiny face keeps: the mean of the descriptors of its recognition crop
 * ({@link TinyFaceCrop}, sized and placed by the landmarks within the box's clamp) and of a square
 * from its detection box alone, scaled back to the two descriptors' mean length. One enrolment
 * photo's landmarks fix the example that every later query of that person is measured against; at
 * 25-35 px they are unreliable (docs/decisions.md, issue 14), and the box alone is what they are
 * clamped around. Queries keep the one crop, so a request costs what it did; only an enrolment of
 * a tiny face runs the recognition net a second time. Faces at or above the tiny-face height keep
 * face-api's descriptor unchanged.
 */
final class TinyEnrolment {

    private TinyEnrolment() {
    }

    /** Whether an enrolment of this face keeps the mean: the setting is on and the face is tiny. */
    static boolean applies(Detection d, EngineConfig config) {
        return config.tinyFaceEnrolmentMean() && TinyFaceCrop.applies(d, config.tinyFaceHeight());
    }

    /**
     * Recognition-net input of the square from the detection box alone: side {@link TinyFaceCrop#MIN_SIDE}
     * of the box height, centred where the clamp centres the landmark square.
     */
    static float[] boxInput(RgbImage img, Detection d) {
        double h = d.height();
        double side = TinyFaceCrop.MIN_SIDE * h;
        double cx = d.x() + d.width() / 2.0;
        double cy = d.y() + h / 2.0 + TinyFaceCrop.CENTRE_DROP * h;
        return TinyFaceCrop.sample(img, cx - side / 2, cy - side / 2, side, FaceRecognitionNet.INPUT_SIZE);
    }

    /** The mean of two descriptors, scaled to their mean length (a zero descriptor, an empty crop, stays as it is). */
    static float[] mean(float[] crop, float[] box) {
        double cropLength = length(crop);
        if (cropLength == 0) {
            return crop;
        }
        float[] m = new float[crop.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = (crop[k] + box[k]) / 2;
        }
        double scale = (cropLength + length(box)) / 2 / length(m);
        for (int k = 0; k < m.length; k++) {
            m[k] = (float) (m[k] * scale);
        }
        return m;
    }

    private static double length(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
