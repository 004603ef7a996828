package io.facefleet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.engine.FaceEngine;
import io.facefleet.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Descriptors of real faces for the gallery benchmark's check that HNSW names the same nearest
 * subject as the exact scan. From the photo sets in the datasets folder when present (labelled
 * portraits: all but the first photo of each person enrolled, the first one and the group photos
 * queried), else from the face package's demo photos (faces of sample1..3 enrolled, of sample4..6
 * queried), said so on the console. Computed once by the engine into a JSON-lines file.
 */
final class RealFaces {

    record Face(String subject, String source, boolean enrolled, float[] descriptor) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RealFaces() {
    }

    static void compute(Path out) throws IOException {
        FaceEngine engine = TestData.engine();
        List<Face> faces = new ArrayList<>();
        String env = System.getenv("FACEFLEET_DATASETS");
        Path sets = Path.of(env != null && !env.isBlank() ? env : "../shared/datasets");
        Path azure = sets.resolve("azure_face_samples");
        Path knn = sets.resolve("face_recognition_examples/examples/knn_examples");
        Path demo = TestData.buildDir().resolve("face-api/demo");
        if (Files.isRegularFile(azure.resolve("labels_identities.csv")) && Files.isDirectory(knn)) {
            Map<String, List<String>> byPerson = new TreeMap<>();
            List<String> rows = Files.readAllLines(azure.resolve("labels_identities.csv"));
            for (String row : rows.subList(1, rows.size())) {
                String[] cols = row.split(",");
                byPerson.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(cols[1]);
            }
            byPerson.forEach((person, photos) -> {
                for (int i = 0; i < photos.size(); i++) {
                    add(engine, azure.resolve(photos.get(i)), "real-" + person, i > 0, faces);
                }
            });
            try (var people = Files.list(knn.resolve("train"))) {
                for (Path person : people.sorted().toList()) {
                    try (var photos = Files.list(person)) {
                        photos.sorted().forEach(p -> add(engine, p, "real-" + person.getFileName(), true, faces));
                    }
                }
            }
            try (var photos = Files.list(knn.resolve("test"))) {
                photos.sorted().forEach(p -> add(engine, p, "query", false, faces));
            }
            for (int i = 1; i <= 6; i++) {
                add(engine, demo.resolve("sample" + i + ".jpg"), "query", false, faces);
            }
        } else {
            System.out.println("real faces: no photo sets at " + sets.toAbsolutePath() + " (set FACEFLEET_DATASETS): the check uses the demo photos only");
            for (int i = 1; i <= 6; i++) {
                add(engine, demo.resolve("sample" + i + ".jpg"), "real-demo" + i, i <= 3, faces);
            }
        }
        StringBuilder lines = new StringBuilder();
        for (Face f : faces) {
            lines.append(JSON.createObjectNode().put("subject", f.subject()).put("source", f.source()).put("enrolled", f.enrolled())
                    .putPOJO("descriptor", f.descriptor())).append('\n');
        }
        Files.writeString(out, lines);
        long enrolled = faces.stream().filter(Face::enrolled).count();
        System.out.println("real faces: " + enrolled + " enrolled, " + (faces.size() - enrolled) + " queries, into " + out);
        engine.close();
    }

    private static void add(FaceEngine engine, Path photo, String subject, boolean enrolled, List<Face> into) {
        List<io.facefleet.engine.Face> found = engine.analyze(TestData.decode(photo));
        for (int j = 0; j < found.size(); j++) {
            // a group photo enrolled would give one subject several people: enrol single faces only
            if (!enrolled || found.size() == 1) {
                into.add(new Face(subject, photo.getFileName() + "#" + j, enrolled, found.get(j).descriptor()));
            }
        }
    }

    /** The faces of a {@link #compute} file; none (said on the console) when it is absent. */
    static List<Face> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            System.out.println("real faces: " + file + " absent (run the real phase): real-face check skipped");
            return List.of();
        }
        List<Face> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            JsonNode n = JSON.readTree(l);
            float[] d = new float[n.get("descriptor").size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) n.get("descriptor").get(i).asDouble();
            }
            out.add(new Face(n.get("subject").asText(), n.get("source").asText(), n.get("enrolled").asBoolean(), d));
        }
        return out;
    }
}
