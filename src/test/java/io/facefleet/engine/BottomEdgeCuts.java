package io.facefleet.engine;

import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.SsdMobilenetV1.WindowPadding;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Landscape (3:2) cuts of the demo photos whose lower edge runs through a face, the case where a
 * photo's rectangular detector window ends just below a face (docs/benchmarks.md): per cut the
 * faces found on the full 512 input and on the window, the worst box-corner gap in px, score gap
 * and descriptor L2, as {@link PhotoWindowCompare} prints them.
 * Usage: BottomEdgeCuts [MARGIN] [black|zero] [ASPECT (width / height, 1.5)]
 */
public final class BottomEdgeCuts {

    /**
     * {height in face heights, where the lower edge cuts the face (0 top, 1 bottom)}: the face
     * filling the cut's height (as docs/decisions.md's first 16 cuts), and larger cuts that end
     * in the face's lower part or at its chin.
     */
    static final double[][] CUTS = {{1.0, 1.0}, {1.5, 0.8}, {1.5, 1.0}, {2.2, 0.7}};

    private BottomEdgeCuts() {
    }

    /** One cut: its name and pixels. */
    record Cut(String name, RgbImage image) {
    }

    /** Every 3:2 cut of {@link #CUTS} around every face {@code whole} finds on the six demo photos. */
    static List<Cut> all(FaceEngine whole) {
        return all(whole, 1.5);
    }

    /** Every cut of {@link #CUTS}, {@code aspect} (width / height) wide, around every face {@code whole} finds. */
    static List<Cut> all(FaceEngine whole, double aspect) {
        List<Cut> cuts = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            RgbImage photo = TestData.decode(DemoFaces.photo(n));
            int k = 0;
            for (Detection face : whole.detect(photo)) {
                for (double[] c : CUTS) {
                    RgbImage cut = cut(photo, face, c[0], c[1], aspect);
                    if (cut != null) {
                        cuts.add(new Cut("sample" + n + ".jpg face " + k + " x" + c[0] + " edge at " + c[1], cut));
                    }
                }
                k++;
            }
        }
        return cuts;
    }

    /**
     * A cut {@code zoom} times the face's height high and {@code aspect} times that wide, centred on
     * the face across, whose lower edge lies {@code edgeAt} of the face's height below its top;
     * null where it does not fit.
     */
    static RgbImage cut(RgbImage photo, Detection face, double zoom, double edgeAt, double aspect) {
        int h = (int) Math.round(face.height() * zoom);
        int w = (int) Math.round(h * aspect);
        int x = (int) Math.round(face.x() + face.width() / 2 - w / 2.0);
        int y = (int) Math.round(face.y() + face.height() * edgeAt) - h;
        if (x < 0 || y < 0 || x + w > photo.width() || y + h > photo.height()) {
            return null;
        }
        return ImageOps.crop(photo, x, y, w, h);
    }

    public static void main(String[] args) {
        int margin = args.length > 0 ? Integer.parseInt(args[0]) : EngineConfig.DETECTOR_WINDOW_MARGIN;
        WindowPadding padding = args.length > 1 ? WindowPadding.parse(args[1]) : EngineConfig.DETECTOR_WINDOW_PADDING;
        double aspect = args.length > 2 ? Double.parseDouble(args[2]) : 1.5;
        try (FaceEngine whole = FaceEngine.load(EngineConfig.defaults().withDetectorWindowMargin(-1));
             FaceEngine windowed = FaceEngine.load(EngineConfig.defaults().withDetectorWindowMargin(margin)
                     .withDetectorWindowPadding(padding))) {
            double worst = 0;
            int moved = 0;
            List<Cut> cuts = all(whole, aspect);
            for (Cut c : cuts) {
                double corner = PhotoWindowCompare.compare(c.name(), c.image(), whole, windowed, margin, padding);
                worst = Math.max(worst, corner);
                moved += corner > 0.01 ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "{\"margin\":%d,\"padding\":\"%s\",\"aspect\":%.2f,\"cuts\":%d,"
                    + "\"movedOver0.01px\":%d,\"worstCornerPx\":%.4f}%n", margin, padding, aspect, cuts.size(), moved, worst);
        }
    }
}
