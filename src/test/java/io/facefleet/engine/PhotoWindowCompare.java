package io.facefleet.engine;

import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.SsdMobilenetV1.Window;
import io.facefleet.engine.nets.SsdMobilenetV1.WindowPadding;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.TestData;
import java.util.List;
import java.util.Locale;

/**
 * The demo photos through the whole engine twice, on the full 512 detector input and on their
 * window (docs/benchmarks.md): per photo the faces found by each, the worst box-corner gap in px,
 * the worst score gap and the worst L2 distance between the two passes' descriptors of one face;
 * then the same for 3:2 cuts around each face, 1 to 2.2 times its height, where the face is
 * large enough for the detector's coarse layers.
 * Usage: PhotoWindowCompare [MARGIN]
 */
public final class PhotoWindowCompare {

    private PhotoWindowCompare() {
    }

    public static void main(String[] args) {
        int margin = args.length > 0 ? Integer.parseInt(args[0]) : EngineConfig.DETECTOR_WINDOW_MARGIN;
        try (FaceEngine whole = FaceEngine.load(EngineConfig.defaults().withDetectorWindowMargin(-1));
             FaceEngine windowed = FaceEngine.load(EngineConfig.defaults().withDetectorWindowMargin(margin))) {
            for (int n = 1; n <= 6; n++) {
                RgbImage photo = TestData.decode(DemoFaces.photo(n));
                compare("sample" + n + ".jpg", photo, whole, windowed, margin);
                int k = 0;
                for (Face f : whole.analyze(photo)) {
                    for (double zoom : new double[] {1.0, 1.2, 1.5, 2.2}) {
                        RgbImage wide = wideCrop(photo, f.detection(), zoom);
                        if (wide != null) {
                            compare("sample" + n + ".jpg face " + k + " x" + zoom, wide, whole, windowed, margin);
                        }
                    }
                    k++;
                }
            }
        }
    }

    /**
     * A 3:2 landscape cut {@code zoom} times the face's height high, centred on the face, so the
     * face is large in the detector's input (its coarse layers, whose grids a window changes);
     * null where the cut does not fit in the photo.
     */
    static RgbImage wideCrop(RgbImage photo, Detection face, double zoom) {
        int h = (int) Math.round(face.height() * zoom);
        int w = h * 3 / 2;
        int x = (int) Math.round(face.x() + face.width() / 2 - w / 2.0);
        int y = (int) Math.round(face.y() + face.height() / 2 - h / 2.0);
        if (x < 0 || y < 0 || x + w > photo.width() || y + h > photo.height()) {
            return null;
        }
        return ImageOps.crop(photo, x, y, w, h);
    }

    private static void compare(String what, RgbImage photo, FaceEngine whole, FaceEngine windowed, int margin) {
        compare(what, photo, whole, windowed, margin, EngineConfig.DETECTOR_WINDOW_PADDING);
    }

    /**
     * Prints the line for {@code photo} ({@code windowed} pads with {@code padding}); returns its
     * worst box-corner gap (infinite where a face is lost).
     */
    static double compare(String what, RgbImage photo, FaceEngine whole, FaceEngine windowed, int margin,
            WindowPadding padding) {
        List<Face> before = whole.analyze(photo);
        List<Face> after = windowed.analyze(photo);
        double corner = 0;
        double score = 0;
        double l2 = 0;
        for (Face b : before) {
            Face a = nearest(b, after);
            if (a == null) {
                corner = Double.POSITIVE_INFINITY;
                continue;
            }
            Detection d = b.detection();
            Detection e = a.detection();
            corner = Math.max(corner, Math.max(Math.max(Math.abs(d.x() - e.x()), Math.abs(d.y() - e.y())),
                    Math.max(Math.abs(d.x() + d.width() - e.x() - e.width()),
                            Math.abs(d.y() + d.height() - e.y() - e.height()))));
            score = Math.max(score, Math.abs(d.score() - e.score()));
            l2 = Math.max(l2, distance(b.descriptor(), a.descriptor()));
        }
        int side = Math.max(photo.width(), photo.height());
        double f = 512.0 / side;
        Window w = DetectorWindow.around(0, 0, photo.width() * f, photo.height() * f, margin, padding);
        System.out.printf(Locale.ROOT, "{\"photo\":\"%s\",\"size\":\"%dx%d\",\"margin\":%d,\"window\":\"%dx%d\","
                        + "\"facesFull\":%d,\"facesWindow\":%d,\"maxCornerPx\":%.4f,\"maxScore\":%.5f,"
                        + "\"maxDescriptorL2\":%.6f}%n", what, photo.width(), photo.height(), margin, w.width(),
                w.height(), before.size(), after.size(), corner, score, l2);
        return corner;
    }

    private static Face nearest(Face f, List<Face> faces) {
        Face best = null;
        double bestGap = Double.MAX_VALUE;
        for (Face g : faces) {
            double gap = Math.abs(f.detection().x() - g.detection().x()) + Math.abs(f.detection().y() - g.detection().y());
            if (gap < bestGap) {
                bestGap = gap;
                best = g;
            }
        }
        return best;
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
