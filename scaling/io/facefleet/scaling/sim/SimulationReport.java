package io.facefleet.scaling.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** A run's timeline as CSV and as a PNG plot; a set of runs as a Markdown table. */
public final class SimulationReport {

    private SimulationReport() {
    }

    public static void writeCsv(Simulator.Result r, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("second,queued,desired,running,starting,latency_p50_ms\n");
        for (Simulator.Tick t : r.timeline()) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%.0f%n", t.second(), t.queued(), t.desired(), t.running(),
                    t.starting(), t.latencyP50Millis()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, sb);
    }

    /** Queue depth (left scale), desired and running workers (right scale), latency p50 per second (dots). */
    public static void writePng(Simulator.Result r, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(render(r), "png", file.toFile());
    }

    /** Several runs' plots one above the other, on the same time scale (e.g. measured over predicted). */
    public static void writeStackedPng(List<Simulator.Result> runs, Path file) throws IOException {
        int seconds = runs.stream().mapToInt(r -> r.timeline().size()).max().orElse(1);
        List<BufferedImage> images = runs.stream().map(r -> render(r, seconds)).toList();
        BufferedImage out = new BufferedImage(images.get(0).getWidth(), images.stream().mapToInt(BufferedImage::getHeight).sum(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        int y = 0;
        for (BufferedImage i : images) {
            g.drawImage(i, 0, y, null);
            y += i.getHeight();
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(out, "png", file.toFile());
    }

    private static BufferedImage render(Simulator.Result r) {
        return render(r, r.timeline().size());
    }

    private static BufferedImage render(Simulator.Result r, int timelineSeconds) {
        int w = 1000;
        int h = 420;
        int left = 60;
        int right = 60;
        int top = 40;
        int bottom = 50;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        List<Simulator.Tick> ticks = r.timeline();
        double seconds = Math.max(1, Math.max(ticks.size(), timelineSeconds) - 1);
        double maxQueue = Math.max(1, ticks.stream().mapToInt(Simulator.Tick::queued).max().orElse(1));
        double maxWorkers = Math.max(1, ticks.stream().mapToInt(t -> Math.max(t.desired(), t.running() + t.starting())).max().orElse(1));
        double maxLatency = Math.max(1, ticks.stream().mapToDouble(Simulator.Tick::latencyP50Millis).max().orElse(1));
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        g.setColor(Color.GRAY);
        g.drawRect(left, top, plotW, plotH);
        series(g, ticks, Simulator.Tick::queued, maxQueue, new Color(0, 90, 200), left, top, plotW, plotH, seconds);
        series(g, ticks, t -> t.running() + t.starting(), maxWorkers, new Color(0, 150, 0), left, top, plotW, plotH, seconds);
        series(g, ticks, Simulator.Tick::desired, maxWorkers, new Color(230, 140, 0), left, top, plotW, plotH, seconds);
        g.setColor(new Color(190, 0, 0));
        for (int i = 0; i < ticks.size(); i++) {
            double v = ticks.get(i).latencyP50Millis();
            if (v > 0) {
                int x = left + (int) (i / seconds * plotW);
                int y = top + plotH - (int) (v / maxLatency * plotH);
                g.fillOval(x - 2, y - 2, 4, 4);
            }
        }
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%s on %s: p50 %.1f s, p99 %.1f s, %.0f worker-s, peak %d, to minimum %.1f s after the last reply",
                r.policy(), r.trace(), r.p50Millis() / 1000, r.p99Millis() / 1000, r.workerSeconds(), r.peakWorkers(),
                r.secondsToMinimumAfterLastReply()), left, 20);
        g.drawString("0", left - 12, top + plotH + 4);
        g.drawString(String.format(Locale.ROOT, "%.0f s", seconds), left + plotW - 20, top + plotH + 16);
        legend(g, new Color(0, 90, 200), "queued (max " + (int) maxQueue + ")", left, h - 15);
        legend(g, new Color(0, 150, 0), "running + starting workers", left + 200, h - 15);
        legend(g, new Color(230, 140, 0), "desired workers (max " + (int) maxWorkers + ")", left + 420, h - 15);
        legend(g, new Color(190, 0, 0), String.format(Locale.ROOT, "latency p50 per second (max %.1f s)", maxLatency / 1000), left + 650, h - 15);
        g.dispose();
        return img;
    }

    private static void series(Graphics2D g, List<Simulator.Tick> ticks, ToDoubleFunction<Simulator.Tick> f, double max,
                               Color color, int left, int top, int plotW, int plotH, double seconds) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int px = -1;
        int py = -1;
        for (int i = 0; i < ticks.size(); i++) {
            int x = left + (int) (i / seconds * plotW);
            int y = top + plotH - (int) (f.applyAsDouble(ticks.get(i)) / max * plotH);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, Color c, String text, int x, int y) {
        g.setColor(c);
        g.fillRect(x, y - 9, 12, 10);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 16, y);
    }

    public static String markdownRow(Simulator.Result r, String boot) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.0f | %d | %.1f | %d |",
                r.trace(), boot, r.policy(), r.p50Millis() / 1000, r.p99Millis() / 1000, r.workerSeconds(), r.peakWorkers(),
                r.secondsToMinimumAfterLastReply(), r.lost());
    }
}
