package io.facefleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.ImageVariants;
import io.facefleet.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: real engine, real gallery in a temporary data directory. */
class CliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsExitWith2AndSayWhatIsWrong() {
        assertEquals(2, run().code());
        Run r = run("fly");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown verb fly"));
        assertTrue(run("verify", "a.jpg").err().contains("verify needs exactly two IMAGEs"));
        assertTrue(run("enroll", "--dir", "x", "--csv", "y").err().contains("enroll needs one of"));
        assertTrue(run("identify", "a.jpg", "--threshold", "abc").err().contains("--threshold must be a number"));
        assertEquals(0, run("help").code());
    }

    @Test
    void embedPrintsOneJsonLinePerImageAndReportsBadFiles() throws Exception {
        Path demo = TestData.buildDir().resolve("face-api/demo/sample1.jpg");
        Path text = data.resolve("notes.jpg");
        Files.writeString(text, "not an image at all");
        Run r = run("embed", demo.toString(), text.toString(), data.resolve("missing.jpg").toString(), "--data-dir", data.toString());
        assertEquals(1, r.code(), "a bad file makes the run fail, after the good ones are done");
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length);
        JsonNode first = JSON.readTree(lines[0]);
        assertEquals(3, first.get("faces").size());
        JsonNode face = first.get("faces").get(0);
        assertEquals(4, face.get("box").size());
        assertEquals(68, face.get("landmarks").size());
        assertEquals(128, face.get("descriptor").size());
        assertTrue(face.get("quality").get("size").asInt() > 100, face.get("quality").toString());
        assertEquals(6, face.get("quality").size(), "size, sharpness, brightness, yaw, pitch, roll");
        assertTrue(JSON.readTree(lines[1]).get("error").asText().contains("not an image"), lines[1]);
        assertEquals("no such file", JSON.readTree(lines[2]).get("error").asText());
    }

    @Test
    void attributesFlagAddsTheAskedAttributesToEachFace() throws Exception {
        String demo = TestData.buildDir().resolve("face-api/demo/sample1.jpg").toString();
        Run detect = run("detect", demo, "--attributes", "age,gender", "--data-dir", data.toString());
        assertEquals(0, detect.code(), detect.err());
        JsonNode faces = JSON.readTree(detect.out().strip()).get("faces");
        assertEquals(3, faces.size());
        for (JsonNode f : faces) {
            JsonNode a = f.get("attributes");
            assertTrue(a != null, "attributes asked, none given: " + f);
            assertTrue(a.get("age").isNumber() && a.get("gender").isTextual() && a.get("genderProbability").isNumber(), f.toString());
            assertTrue(!a.has("expressions") && !f.has("landmarks"), "only what was asked, on detect's boxes: " + f);
        }
        Run identify = run("identify", demo, "--attributes", "all", "--data-dir", data.toString());
        assertEquals(0, identify.code(), identify.err());
        JsonNode first = JSON.readTree(identify.out().strip()).get("faces").get(0);
        assertEquals(7, first.get("attributes").get("expressions").size(), first.toString());
        Run plain = run("detect", demo, "--data-dir", data.toString());
        assertTrue(!plain.out().contains("attributes"), "none asked, none given: " + plain.out());

        Run bad = run("detect", demo, "--attributes", "age,mood");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--attributes: unknown attribute 'mood'"), bad.err());
        assertTrue(run("verify", demo, demo, "--attributes", "age").err().contains("--attributes goes with embed, detect or identify"));
    }

    @Test
    void enrolFromTheSeedsCsvThenIdentifyAndVerify() throws Exception {
        Path dir = TestData.dataset("cse546/face_images_100");
        Path csv = TestData.dataset("cse546/Classification Results on Face Dataset (100 images).csv");
        Run enrol = run("enroll", "--csv", csv.toString(), "--images", dir.toString(), "--data-dir", data.toString());
        assertEquals(0, enrol.code(), enrol.err());
        JsonNode subjects = JSON.readTree(run("subjects", "--data-dir", data.toString()).out()).get("subjects");
        // 100 rows over 10 distinct images: identical bytes are enrolled once per subject
        assertEquals(10, subjects.findValues("examples").stream().mapToInt(JsonNode::asInt).sum());
        Run id = run("identify", dir.resolve("test_42.jpg").toString(), "--data-dir", data.toString());
        assertEquals(0, id.code(), id.err());
        JsonNode face = JSON.readTree(id.out()).get("faces").get(0);
        assertEquals("Bob", face.get("subject").asText(), "test_42 is byte-identical to test_02, labelled Bob");
        Run same = run("verify", dir.resolve("test_02.jpg").toString(), dir.resolve("test_12.jpg").toString(), "--data-dir", data.toString());
        assertTrue(JSON.readTree(same.out()).get("samePerson").asBoolean());
        assertEquals(0.0, JSON.readTree(same.out()).get("distance").asDouble(), 1e-4);
    }

    @Test
    void enrolmentSkipsImagesWithoutExactlyOneFace() throws Exception {
        Path group = TestData.buildDir().resolve("face-api/demo/sample1.jpg");
        Run r = run("enroll", "--name", "Crowd", group.toString(), "--data-dir", data.toString());
        assertEquals(1, r.code(), "nothing enrolled");
        assertTrue(r.out().contains("needs exactly one face, found 3"), r.out());
    }

    @Test
    void enrolmentRefusesAFaceBelowTheQualityBoundsAndIdentifyReportsIt() throws Exception {
        // the first demo photo at 15 % of its light: one face found, too dark to enrol
        Path dark = data.resolve("dark.png");
        Files.write(dark, ImageVariants.png(ImageVariants.gain(javax.imageio.ImageIO.read(DemoFaces.photo(1).toFile()), 0.15f)));
        Run enrol = run("enroll", "--name", "Shadow", dark.toString(), "--data-dir", data.toString());
        assertEquals(1, enrol.code(), "nothing enrolled");
        JsonNode line = JSON.readTree(enrol.out().strip());
        assertTrue(line.get("skipped").asText().contains("not good enough to enrol: TOO_DARK"), enrol.out());
        Run id = run("identify", dark.toString(), "--data-dir", data.toString());
        assertEquals(0, id.code(), id.err());
        JsonNode face = JSON.readTree(id.out()).get("faces").get(0);
        assertEquals("[\"TOO_DARK\"]", face.get("lowQuality").toString());
        assertTrue(face.get("quality").get("brightness").asDouble() < 0.1, face.toString());
    }

    @Test
    void enrolAFolderPerPersonThenIdentifyAGroupPhoto() throws Exception {
        Path train = TestData.dataset("face_recognition_examples/examples/knn_examples/train");
        Run enrol = run("enroll", "--dir", train.toString(), "--data-dir", data.toString());
        assertEquals(0, enrol.code(), enrol.err());
        Run id = run("identify", TestData.dataset("face_recognition_examples/examples/knn_examples/test/obama_and_biden.jpg").toString(),
                "--data-dir", data.toString());
        JsonNode faces = JSON.readTree(id.out()).get("faces");
        assertEquals(2, faces.size());
        assertEquals(java.util.Set.of("obama", "biden"), java.util.Set.of(faces.get(0).get("subject").asText(), faces.get(1).get("subject").asText()));
    }

    @Test
    void collectionNamesTheGalleryTheCommandWorksOn() throws Exception {
        io.facefleet.testing.DemoFaces.Person p = io.facefleet.testing.DemoFaces.people().get(0);
        Path img = data.resolve("portrait.jpg");
        Files.write(img, p.portrait());
        Run enrol = run("enroll", "--name", "Ana", img.toString(), "--collection", "staff", "--data-dir", data.toString());
        assertEquals(0, enrol.code(), enrol.err());
        assertTrue(enrol.err().contains("created collection staff"), enrol.err());
        JsonNode staff = JSON.readTree(run("subjects", "--collection", "staff", "--data-dir", data.toString()).out());
        assertEquals("Ana", staff.get("subjects").get(0).get("name").asText());
        JsonNode dflt = JSON.readTree(run("subjects", "--data-dir", data.toString()).out());
        assertEquals(0, dflt.get("subjects").size(), "the default collection is apart");
        Run unknown = run("subjects", "--collection", "nobody", "--data-dir", data.toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no collection named nobody"), unknown.err());
    }
}
