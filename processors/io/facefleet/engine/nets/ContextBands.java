package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * One conv's black context on a window, kept only where it is not zero: the output cells whose
 * receptive field reaches past the window's own cells (for a 3x3 conv, stride 1, one row or column
 * at each edge; stride 2, the last one, and the first where TF pads before). Everywhere else the
 * ring's conv sees only the window's cells, which the ring holds as zeros, so its output there is
 * exactly 0 and adding it changed nothing. Kept as a top and a bottom band over the whole width and
 * a left and a right band between them; added in place on those cells of the conv's output. A
 * small map that is at least half border is kept and added whole, in one op instead of four.
 */
final class ContextBands {

    /** A band's values and its output rows [rowFrom, rowTo) and columns [columnFrom, columnTo). */
    private record Band(NDArray values, int rowFrom, int rowTo, int columnFrom, int columnTo, boolean whole) {
    }

    private final List<Band> bands;

    private ContextBands(List<Band> bands) {
        this.bands = bands;
    }

    /** {@code ring} kept whole and added over the whole map, as before the bands (for tests and the benchmark). */
    static ContextBands whole(NDArray ring) {
        return new ContextBands(List.of(new Band(ring, 0, (int) ring.getShape().get(2), 0, (int) ring.getShape().get(3),
                true)));
    }

    /**
     * The bands of {@code ring}, a conv's output on the black ring around a window map (NCHW), whose
     * input crop had the window's {@code rows x columns} cells at ({@code top}, {@code left}); the
     * conv's kernel {@code kh x kw} and {@code stride}. The bands are copied into {@code keep}; a map
     * at least half border is kept whole instead ({@code ring} moved into {@code keep}).
     */
    static ContextBands of(NDArray ring, int top, int left, int rows, int columns, long kh, long kw, int stride,
                           NDManager keep) {
        int outRows = (int) ring.getShape().get(2);
        int outColumns = (int) ring.getShape().get(3);
        // output row r reads crop rows r*stride .. r*stride+kh-1; the window's own are top .. top+rows-1
        int rowsBefore = Math.min(ceilDiv(top, stride), outRows);
        int rowsAfter = Math.max(rowsBefore, Math.min(ceilDiv((int) (top + rows - kh + 1), stride), outRows));
        int columnsBefore = Math.min(ceilDiv(left, stride), outColumns);
        int columnsAfter = Math.max(columnsBefore, Math.min(ceilDiv((int) (left + columns - kw + 1), stride), outColumns));
        int bandCells = (rowsBefore + outRows - rowsAfter) * outColumns
                + (rowsAfter - rowsBefore) * (columnsBefore + outColumns - columnsAfter);
        if (2 * bandCells >= outRows * outColumns) {
            // a small map (the deep layers') is mostly border: one add over it costs less than four slices
            ring.attach(keep);
            return whole(ring);
        }
        List<Band> bands = new ArrayList<>(4);
        cut(ring, 0, rowsBefore, 0, outColumns, keep, bands);
        cut(ring, rowsAfter, outRows, 0, outColumns, keep, bands);
        cut(ring, rowsBefore, rowsAfter, 0, columnsBefore, keep, bands);
        cut(ring, rowsBefore, rowsAfter, columnsAfter, outColumns, keep, bands);
        return new ContextBands(bands);
    }

    private static void cut(NDArray ring, int rowFrom, int rowTo, int columnFrom, int columnTo, NDManager keep,
                            List<Band> bands) {
        if (rowFrom >= rowTo || columnFrom >= columnTo) {
            return;
        }
        NDArray view = ring.get(index(rowFrom, rowTo, columnFrom, columnTo));
        NDArray values = view.duplicate();
        view.close();
        values.attach(keep);
        bands.add(new Band(values, rowFrom, rowTo, columnFrom, columnTo, false));
    }

    /** Adds the context to {@code y}, the conv's output on the window (batch first), in place; returns {@code y}. */
    NDArray addTo(NDArray y) {
        for (Band b : bands) {
            if (b.whole()) {
                y.addi(b.values());
            } else {
                // a slice of y is a view of its cells: the in-place add lands in y
                try (NDArray view = y.get(index(b.rowFrom(), b.rowTo(), b.columnFrom(), b.columnTo()))) {
                    view.addi(b.values());
                }
            }
        }
        return y;
    }

    /** Bytes of the values kept. */
    long bytes() {
        long n = 0;
        for (Band b : bands) {
            n += b.values().size() * Float.BYTES;
        }
        return n;
    }

    private static NDIndex index(int rowFrom, int rowTo, int columnFrom, int columnTo) {
        return new NDIndex("..., {}:{}, {}:{}", rowFrom, rowTo, columnFrom, columnTo);
    }

    private static int ceilDiv(int a, int b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }
}
