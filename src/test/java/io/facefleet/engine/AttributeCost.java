package io.facefleet.engine;

import com.sun.management.OperatingSystemMXBean;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.testing.Rounds;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cost per face of the face attributes: one engine analyses the six demo photos asking for no
 * attributes, for age and gender, for expression, and for all, in alternating rounds on one thread,
 * so load from elsewhere falls on every variant alike. Prints one JSON line per variant: the median
 * over rounds of the whole pipeline per face, as wall time and as this process's CPU time (which
 * other processes on a shared machine do not inflate, where they stretch wall time), and the extra
 * over no attributes; then the attribute step alone (crop and both nets, one face at a time, on
 * this thread). Run by tools/bench/attribute-cost.sh. Usage: AttributeCost DEMO_DIR ROUNDS
 */
public final class AttributeCost {

    public static void main(String[] args) throws Exception {
        Path demo = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<RgbImage> images = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            images.add(io.facefleet.testing.TestData.decode(demo.resolve("sample" + i + ".jpg")));
        }
        Map<String, Set<Attribute>> variants = new LinkedHashMap<>();
        variants.put("none", Set.of());
        variants.put("age,gender", EnumSet.of(Attribute.AGE, Attribute.GENDER));
        variants.put("expression", EnumSet.of(Attribute.EXPRESSION));
        variants.put("all", EnumSet.allOf(Attribute.class));
        try (FaceEngine engine = FaceEngine.load(EngineConfig.defaults())) {
            for (Set<Attribute> v : variants.values()) {
                engine.analyze(images.get(0), v); // warm-up
            }
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            Map<String, double[]> msPerFace = new LinkedHashMap<>();
            Map<String, double[]> cpuMsPerFace = new LinkedHashMap<>();
            variants.keySet().forEach(k -> msPerFace.put(k, new double[rounds]));
            variants.keySet().forEach(k -> cpuMsPerFace.put(k, new double[rounds]));
            int faces = 0;
            List<Face> found = new ArrayList<>();
            List<RgbImage> foundIn = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, Set<Attribute>> v : variants.entrySet()) {
                    faces = 0;
                    long c0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    for (RgbImage img : images) {
                        List<Face> f = engine.analyze(img, v.getValue());
                        faces += f.size();
                        if (r == 0 && v.getValue().isEmpty()) {
                            found.addAll(f);
                            f.forEach(x -> foundIn.add(img));
                        }
                    }
                    msPerFace.get(v.getKey())[r] = (System.nanoTime() - t0) / 1e6 / faces;
                    cpuMsPerFace.get(v.getKey())[r] = (os.getProcessCpuTime() - c0) / 1e6 / faces;
                }
            }
            double none = Rounds.median(msPerFace.get("none"));
            double noneCpu = Rounds.median(cpuMsPerFace.get("none"));
            for (String k : variants.keySet()) {
                double m = Rounds.median(msPerFace.get(k));
                double c = Rounds.median(cpuMsPerFace.get(k));
                System.out.printf(Locale.ROOT, "{\"attributes\":\"%s\",\"rounds\":%d,\"faces\":%d,\"msPerFace\":%.1f,\"extraMsPerFace\":%.1f,"
                        + "\"cpuMsPerFace\":%.1f,\"extraCpuMsPerFace\":%.1f,\"rounds_ms\":%s,\"rounds_cpu_ms\":%s}%n", k, rounds, faces, m,
                        m - none, c, c - noneCpu, Arrays.toString(Rounds.toTenths(msPerFace.get(k))), Arrays.toString(Rounds.toTenths(cpuMsPerFace.get(k))));
            }
            // the attribute step alone, one face at a time on this thread: crop, age/gender net, expression net
            double[] stepCpu = new double[rounds];
            double[] stepWall = new double[rounds];
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int r = 0; r < rounds; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < found.size(); i++) {
                    float[] input = AttributeCrop.input(foundIn.get(i), found.get(i).landmarks());
                    engine.ageGenderNet().forwardPixels(List.of(input));
                    engine.expressionNet().forwardPixels(List.of(input));
                }
                stepWall[r] = (System.nanoTime() - t0) / 1e6 / found.size();
                stepCpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / found.size();
            }
            System.out.printf(Locale.ROOT, "{\"attributeStepAlone\":\"crop + age/gender + expression, batch 1\",\"faces\":%d,"
                    + "\"msPerFace\":%.1f,\"cpuMsPerFace\":%.1f}%n", found.size(), Rounds.median(stepWall), Rounds.median(stepCpu));
        }
    }

}
