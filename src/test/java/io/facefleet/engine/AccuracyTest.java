package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.gallery.Gallery;
import io.facefleet.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Accuracy on real photos from the shared datasets (skipped where they are absent). */
class AccuracyTest {

    record Labelled(String person, String file, float[] descriptor) {
    }

    @Test
    void samePersonPairsAreBelowTheThresholdAndDifferentPairsAbove() throws IOException {
        Path train = TestData.dataset("face_recognition_examples/examples/knn_examples/train");
        List<Labelled> all = new ArrayList<>();
        try (Stream<Path> people = Files.list(train)) {
            for (Path person : people.sorted().toList()) {
                try (Stream<Path> files = Files.list(person)) {
                    for (Path f : files.sorted().toList()) {
                        List<Face> faces = TestData.engine().analyze(TestData.decode(f));
                        assertEquals(1, faces.size(), f + " has one face");
                        all.add(new Labelled(person.getFileName().toString(), f.getFileName().toString(), faces.get(0).descriptor()));
                    }
                }
            }
        }
        double sameMax = 0;
        double diffMin = Double.MAX_VALUE;
        double sameMin = Double.MAX_VALUE;
        double diffMax = 0;
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                double d = Gallery.distance(all.get(i).descriptor(), all.get(j).descriptor());
                String pair = all.get(i).person() + "/" + all.get(i).file() + " vs " + all.get(j).person() + "/" + all.get(j).file();
                if (all.get(i).person().equals(all.get(j).person())) {
                    assertTrue(d < 0.6, "same person above 0.6: " + pair + " = " + d);
                    sameMax = Math.max(sameMax, d);
                    sameMin = Math.min(sameMin, d);
                } else {
                    assertTrue(d > 0.6, "different people below 0.6: " + pair + " = " + d);
                    diffMin = Math.min(diffMin, d);
                    diffMax = Math.max(diffMax, d);
                }
            }
        }
        System.out.printf("accuracy: %d faces; same-person distances %.3f-%.3f, different-person %.3f-%.3f%n",
                all.size(), sameMin, sameMax, diffMin, diffMax);
    }

    @Test
    void detectionRecallOnTheAnnotatedPascalPhotos() throws Exception {
        Path dir = TestData.dataset("dlib_faces_detection");
        int annotated = 0;
        int found = 0;
        int extra = 0;
        for (String xml : List.of("training.xml", "testing.xml")) {
            var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(xml).toFile());
            NodeList images = doc.getElementsByTagName("image");
            for (int i = 0; i < images.getLength(); i++) {
                Element image = (Element) images.item(i);
                List<Detection> detections = TestData.engine().detect(TestData.decode(dir.resolve(image.getAttribute("file"))));
                NodeList boxes = image.getElementsByTagName("box");
                int matched = 0;
                for (int b = 0; b < boxes.getLength(); b++) {
                    Element box = (Element) boxes.item(b);
                    float x = Float.parseFloat(box.getAttribute("left"));
                    float y = Float.parseFloat(box.getAttribute("top"));
                    float w = Float.parseFloat(box.getAttribute("width"));
                    float h = Float.parseFloat(box.getAttribute("height"));
                    // a face counts as found when a detection's centre falls inside its annotated box
                    boolean hit = detections.stream().anyMatch(d -> {
                        float cx = d.x() + d.width() / 2;
                        float cy = d.y() + d.height() / 2;
                        return cx >= x && cx <= x + w && cy >= y && cy <= y + h;
                    });
                    matched += hit ? 1 : 0;
                }
                annotated += boxes.getLength();
                found += matched;
                extra += Math.max(0, detections.size() - matched);
            }
        }
        double recall = (double) found / annotated;
        System.out.printf("detection recall on dlib_faces_detection: %d of %d annotated faces (%.1f%%), %d other detections%n",
                found, annotated, recall * 100, extra);
        assertTrue(annotated >= 40, "annotations read: " + annotated);
        assertTrue(recall >= 0.5, "recall " + recall);
    }

}
