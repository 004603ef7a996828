package io.facefleet.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.testing.ImageEncoders;
import io.facefleet.testing.RunningService;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing with jqwik: 10,000 mutated and generated images straight into the image decoder, and
 * 1,000 mutated request bodies (images, file names, fields, boundaries, truncation) against the
 * running service. The decoder either decodes within the limits or rejects with a typed reason;
 * the service answers every body with 200 or a 4xx, never a 500; its thread count and heap after
 * the last body are where they were after the first 300 (no leak), and it still answers.
 */
class FuzzTest {

    private static final Set<Integer> CLEAR_STATUSES = Set.of(200, 400, 413, 415, 422);
    private static final List<byte[]> SEEDS = seeds();
    private static final ImageDecoder DECODER = new ImageDecoder();
    private static RunningService service;
    private static Path data;
    private static int threadsBefore;
    private static int bodiesSent;
    private static final java.util.concurrent.atomic.AtomicInteger DECODED = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.Map<Integer, Integer> REJECTED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<Integer, Integer> ANSWERS = new java.util.concurrent.ConcurrentHashMap<>();
    private static long heapBefore;

    @BeforeContainer
    static void start() throws Exception {
        data = Files.createTempDirectory("facefleet-fuzz");
        // a broken multipart body never parses: the guard answers it after this (local bodies arrive at once)
        service = RunningService.start("facefleet.data-dir=" + data, "camel.main.name=facefleet-fuzz",
                "facefleet.web.request-read-timeout-ms=300");
    }

    /** The baseline is taken after the first 300 bodies: pools have grown to their working size by then. */
    private static void baselineAfterWarmUp() throws InterruptedException {
        if (++bodiesSent == 300) {
            threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            heapBefore = usedHeapAfterGc();
        }
    }

    @AfterContainer
    static void checkNothingLeakedAndStop() throws Exception {
        try {
            System.out.printf("fuzz: images decoded %d, rejected by status %s; request bodies answered by status %s%n",
                    DECODED.get(), new java.util.TreeMap<>(REJECTED), new java.util.TreeMap<>(ANSWERS));
            HttpResponse<String> r = service.postFile("/", "inputFile", "after.png", SEEDS.get(0));
            assertEquals(200, r.statusCode(), "still serving after the fuzz: " + r.body());
            // threads of the last requests end on their own: wait for the count to settle, then compare
            long settle = System.currentTimeMillis() + 10_000;
            while (ManagementFactory.getThreadMXBean().getThreadCount() > threadsBefore + 5 && System.currentTimeMillis() < settle) {
                Thread.sleep(100);
            }
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            long heap = usedHeapAfterGc();
            System.out.printf("fuzz: after 300 bodies and after all: threads %d -> %d, heap after GC %d MB -> %d MB%n", threadsBefore, threads,
                    heapBefore >> 20, heap >> 20);
            assertTrue(threads <= threadsBefore + 5, "threads leaked: " + threadsBefore + " -> " + threads);
            assertTrue(heap <= heapBefore + (128L << 20), "heap grew: " + (heapBefore >> 20) + " -> " + (heap >> 20) + " MB");
        } finally {
            service.close();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Property(tries = 10_000, seed = "20261125")
    void everyImageIsDecodedWithinTheLimitsOrRejectedWithAReason(@ForAll("images") byte[] bytes) {
        try {
            RgbImage img = DECODER.decode(bytes);
            DECODED.incrementAndGet();
            assertTrue(img.width() >= DECODER.limits().minSide() && img.height() >= DECODER.limits().minSide());
            assertTrue((long) img.width() * img.height() <= DECODER.limits().maxPixels());
        } catch (ImageRejectedException e) {
            REJECTED.merge(e.httpStatus(), 1, Integer::sum);
            assertTrue(Set.of(400, 413, 415, 422).contains(e.httpStatus()), e.toString());
        }
    }

    @Property(tries = 1_000, seed = "20261125")
    void everyRequestBodyGetsAClearAnswer(@ForAll("bodies") Body body) throws Exception {
        baselineAfterWarmUp();
        HttpResponse<String> r = service.send(HttpRequest.newBuilder(service.uri(body.path()))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
        ANSWERS.merge(r.statusCode(), 1, Integer::sum);
        assertTrue(CLEAR_STATUSES.contains(r.statusCode()), r.statusCode() + " " + r.body());
    }

    /** One generated request. */
    record Body(String path, String contentType, byte[] bytes) {
        @Override
        public String toString() {
            return path + " " + contentType + " (" + bytes.length + " bytes)";
        }
    }

    @Provide
    Arbitrary<byte[]> images() {
        return Combinators.combine(Arbitraries.integers().between(0, SEEDS.size() - 1), Arbitraries.longs())
                .as((i, seed) -> mutate(SEEDS.get(i), new Random(seed)));
    }

    @Provide
    Arbitrary<Body> bodies() {
        return Combinators.combine(images(), Arbitraries.longs()).as((image, seed) -> body(image, new Random(seed)));
    }

    private static final String[] NAMES = {"a.jpg", "../../x.png", "", "\u00e9t\u00e9.gif", "a\"b.bmp", "con.jpg",
            "x".repeat(300) + ".jpg", "..", "semi;colon.png", "\u202eevil.png"};
    private static final String[] FIELDS = {"inputFile", "inputFile", "inputFile", "other", "", "inputfile"};
    private static final String[] PATHS = {"/", "/", "/api/v1/detect", "/api/v1/recognize"};

    private static Body body(byte[] image, Random r) {
        String boundary = r.nextInt(10) == 0 ? "" : "b" + r.nextInt(1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int extra = r.nextInt(4);
        for (int i = 0; i < extra; i++) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"f" + i + "\"\r\n\r\nvalue" + i + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + FIELDS[r.nextInt(FIELDS.length)]
                + "\"; filename=\"" + NAMES[r.nextInt(NAMES.length)] + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(image);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = out.toByteArray();
        if (r.nextInt(8) == 0) {
            bytes = java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length + 1)); // cut anywhere
        }
        if (r.nextInt(8) == 0) {
            bytes = flip(bytes, r, 1 + r.nextInt(10)); // damage the multipart structure itself
        }
        String type = switch (r.nextInt(10)) {
            case 0 -> "text/plain";
            case 1 -> "multipart/form-data";
            case 2 -> "application/octet-stream";
            default -> "multipart/form-data; boundary=" + boundary;
        };
        return new Body(PATHS[r.nextInt(PATHS.length)], type, bytes);
    }

    /** One of several damages, sometimes two: what a broken client, a bad disk or an attacker sends. */
    static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int rounds = 1 + r.nextInt(2);
        for (int i = 0; i < rounds; i++) {
            b = switch (r.nextInt(9)) {
                case 0 -> flip(b, r, 1 + r.nextInt(20));
                case 1 -> java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
                case 2 -> insert(b, r);
                case 3 -> overwriteHeader(b, r);
                case 4 -> splice(b, SEEDS.get(r.nextInt(SEEDS.size())), r);
                case 5 -> randomWithMagic(b, r);
                case 6 -> duplicate(b, r);
                case 7 -> zeroRun(b, r);
                default -> b;
            };
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    private static byte[] flip(byte[] b, Random r, int n) {
        byte[] c = b.clone();
        for (int i = 0; i < n && c.length > 0; i++) {
            c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return c;
    }

    private static byte[] insert(byte[] b, Random r) {
        int at = r.nextInt(b.length + 1);
        byte[] junk = new byte[1 + r.nextInt(64)];
        r.nextBytes(junk);
        byte[] c = new byte[b.length + junk.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(junk, 0, c, at, junk.length);
        System.arraycopy(b, at, c, at + junk.length, b.length - at);
        return c;
    }

    /** Big or zero values in the first 64 bytes, where widths, heights and lengths live. */
    private static byte[] overwriteHeader(byte[] b, Random r) {
        byte[] c = b.clone();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n && c.length > 0; i++) {
            int at = r.nextInt(Math.min(64, c.length));
            c[at] = (byte) (r.nextBoolean() ? 0xFF : r.nextBoolean() ? 0x00 : r.nextInt(256));
        }
        return c;
    }

    private static byte[] splice(byte[] a, byte[] b, Random r) {
        int cutA = r.nextInt(a.length + 1);
        int cutB = r.nextInt(b.length + 1);
        byte[] c = new byte[cutA + b.length - cutB];
        System.arraycopy(a, 0, c, 0, cutA);
        System.arraycopy(b, cutB, c, cutA, b.length - cutB);
        return c;
    }

    private static byte[] randomWithMagic(byte[] b, Random r) {
        byte[] c = new byte[r.nextInt(2048)];
        r.nextBytes(c);
        System.arraycopy(b, 0, c, 0, Math.min(Math.min(b.length, c.length), 2 + r.nextInt(16)));
        return c;
    }

    private static byte[] duplicate(byte[] b, Random r) {
        if (b.length < 2) {
            return b;
        }
        int from = r.nextInt(b.length - 1);
        int len = 1 + r.nextInt(Math.min(256, b.length - from));
        return splice(java.util.Arrays.copyOf(b, from + len), java.util.Arrays.copyOfRange(b, from, b.length), r);
    }

    private static byte[] zeroRun(byte[] b, Random r) {
        byte[] c = b.clone();
        if (c.length == 0) {
            return c;
        }
        int from = r.nextInt(c.length);
        java.util.Arrays.fill(c, from, Math.min(c.length, from + 1 + r.nextInt(512)), (byte) 0);
        return c;
    }

    /**
     * Images to start from: each format (WebP lossless, lossy and with alpha when cwebp is
     * installed; TIFF in five compressions), sizes from 2 to 96 pixels, grey and colour.
     */
    private static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        int[][] sizes = {{64, 64}, {96, 40}, {2, 2}, {33, 17}};
        String[] formats = {"png", "jpg", "gif", "bmp"};
        for (int[] s : sizes) {
            for (String f : formats) {
                for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_GRAY}) {
                    BufferedImage img = new BufferedImage(s[0], s[1], type);
                    Graphics2D g = img.createGraphics();
                    g.setPaint(new java.awt.GradientPaint(0, 0, Color.ORANGE, s[0], s[1], Color.BLUE));
                    g.fillRect(0, 0, s[0], s[1]);
                    g.setColor(Color.WHITE);
                    g.fillOval(s[0] / 4, s[1] / 4, Math.max(1, s[0] / 2), Math.max(1, s[1] / 2));
                    g.dispose();
                    try {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        if (ImageIO.write(img, f, bytes)) {
                            out.add(bytes.toByteArray());
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            BufferedImage colour = new BufferedImage(s[0], s[1], BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = colour.createGraphics();
            g.setPaint(new java.awt.GradientPaint(0, 0, Color.ORANGE, s[0], s[1], Color.BLUE));
            g.fillRect(0, 0, s[0], s[1]);
            g.dispose();
            for (String compression : new String[] {"None", "LZW", "Deflate", "PackBits", "JPEG"}) {
                out.add(ImageEncoders.tiff(colour, compression));
            }
            if (ImageEncoders.cwebpAvailable()) {
                out.add(ImageEncoders.webpLossless(colour));
                out.add(ImageEncoders.webpLossy(colour, 75));
                BufferedImage alpha = new BufferedImage(s[0], s[1], BufferedImage.TYPE_INT_ARGB);
                alpha.createGraphics().drawImage(colour, 0, 0, null);
                alpha.setRGB(0, 0, 0);
                out.add(ImageEncoders.webpLossy(alpha, 75));
            }
        }
        if (!ImageEncoders.cwebpAvailable()) {
            System.out.println("fuzz: cwebp (Debian package webp) is not installed: no WebP seeds, WebP is fuzzed only by its hand-built headers");
        }
        out.add(ImageEncoders.rawTiff(16, 8, new byte[16 * 8 * 3], 6, false));
        out.add(ImageEncoders.vp8xDeclaring(64, 64, 0x10));
        return out;
    }
}
