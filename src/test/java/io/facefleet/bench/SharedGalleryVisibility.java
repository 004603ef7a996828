package io.facefleet.bench;

import io.facefleet.gallery.SharedGalleryHost;
import io.facefleet.gallery.VectorDistances;
import io.facefleet.testing.AwsServers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How long an enrolment on one host takes to be seen on another (shared gallery, aws profile):
 * S3Proxy in this JVM, two {@link SharedGalleryHost} JVMs; N enrolments on A, one after another,
 * each awaited on B. Prints one JSON line: poll-ms, N, median, p90, max (ms from A's answer to B
 * seeing the face), and how many took over 2 s. Run by tools/bench/shared-gallery-visibility.sh. Not part of CI.
 */
public final class SharedGalleryVisibility {

    private static final String BUCKET = "bench-data-bucket";

    private record Host(Process process, Writer in, BufferedReader out) {
        String ask(String command) throws Exception {
            in.write(command + "\n");
            in.flush();
            String l = out.readLine();
            if (l == null || l.startsWith("error")) {
                throw new IllegalStateException(command + " -> " + l);
            }
            return l;
        }
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        String pollMs = args[1];
        try (AwsServers aws = AwsServers.start()) {
            try (S3Client s3 = aws.s3Client()) {
                s3.createBucket(r -> r.bucket(BUCKET));
            }
            Host a = host(aws, pollMs);
            Host b = host(aws, pollMs);
            a.ask("create bench");
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String[] enrolled = a.ask("enroll bench p" + i + " 1 " + i).split(" ");
                String[] seen = b.ask("await bench " + enrolled[1] + " 20000").split(" ");
                if (!seen[0].equals("seen")) {
                    throw new IllegalStateException("B never saw " + enrolled[1]);
                }
                latencies.add(Long.parseLong(seen[2]) - Long.parseLong(enrolled[2]));
            }
            for (Host h : List.of(a, b)) {
                h.in().write("quit\n");
                h.in().flush();
                h.process().waitFor();
            }
            List<Long> s = latencies.stream().sorted().toList();
            System.out.println("{\"pollMs\":" + pollMs + ",\"enrolments\":" + n + ",\"medianMs\":" + s.get(n / 2)
                    + ",\"p90Ms\":" + s.get((int) Math.min(n - 1, Math.ceil(n * 0.9) - 1)) + ",\"maxMs\":" + s.get(n - 1) + ",\"over2sec\":" + s.stream().filter(l -> l > 2000).count() + "}");
        }
    }

    private static Host host(AwsServers aws, String pollMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, VectorDistances.JAVA_OPTION, "-Xmx256m", SharedGalleryHost.class.getName(), aws.s3Endpoint(),
                AwsServers.ACCESS_KEY, AwsServers.SECRET_KEY, BUCKET, pollMs, "1000");
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        Host h = new Host(p, new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8),
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        String ready = h.out().readLine();
        if (!"ready".equals(ready)) {
            throw new IllegalStateException("host did not start: " + ready);
        }
        return h;
    }
}
