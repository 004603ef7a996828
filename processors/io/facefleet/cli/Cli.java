package io.facefleet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.engine.EngineConfig;
import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.engine.weights.ModelFileException;
import io.facefleet.engine.weights.ModelFiles;
import io.facefleet.gallery.Catalog;
import io.facefleet.gallery.Catalogs;
import io.facefleet.gallery.Gallery;
import io.facefleet.gallery.GallerySettings;
import io.facefleet.messaging.HttpError;
import io.facefleet.gallery.GalleryException;
import io.facefleet.recognition.BulkEnrolment;
import io.facefleet.boot.QualitySettings;
import io.facefleet.boot.Settings;
import io.facefleet.recognition.AnalysisCache;
import io.facefleet.recognition.EnrolmentException;
import io.facefleet.recognition.FaceService;
import io.facefleet.recognition.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The command line on the application jar: {@code embed}, {@code detect}, {@code enroll},
 * {@code identify}, {@code verify}, {@code subjects}; JSON on stdout, one line per result.
 * Exit codes: 0 done, 1 failed (message on stderr), 2 usage error.
 */
public final class Cli {

    public static final Set<String> VERBS = Set.of("embed", "detect", "enroll", "identify", "verify", "subjects", "simulate", "help");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Asking for the usage instead of a verb's work: it is printed, with the usage error's exit code. */
    public static final Set<String> HELP_FLAGS = Set.of("--help", "-h");

    private static final String USAGE = """
            usage: java --add-modules jdk.incubator.vector -jar facefleet.jar [serve] [key=value...]   start the service (settings as in application.properties)
                   java --add-modules jdk.incubator.vector -jar facefleet.jar VERB [options] ARGS
              (--add-modules jdk.incubator.vector: SIMD gallery distances; without it they run scalar)
              embed IMAGE...                      faces with box, score, 68 landmarks, 128-D descriptor
              detect IMAGE...                     face boxes and scores
              enroll --name NAME IMAGE...         enrol images of one person (one face each)
              enroll --dir DIR                    enrol DIR/<person>/*.jpg
              enroll --csv CSV --images DIR       enrol the seed's CSV (Image,Results) of images in DIR
              identify IMAGE...                   every face with its nearest subject, or Unknown
              verify IMAGE IMAGE                  distance between the largest faces; same person?
              subjects                            enrolled subjects and their example counts
              simulate --trace T --policy P       simulate the autoscaler (CSV and PNG into --out, default docs)
              simulate all                        every policy on every trace, into docs/scaling.md
              help, --help, -h                    this usage
            options: --data-dir DIR (default ./data)  --threshold T (default 0.6)
                     --collection NAME (default default; enroll creates it)
                     --model-dir DIR (default: bundled)  --unknown LABEL (default Unknown)
                     --attributes age,gender,expression|all  (embed, detect, identify: add each face's attributes)
            """;

    private Cli() {
    }

    /** The usage text: how to start the service, and every verb with its options. */
    public static String usage() {
        return USAGE;
    }

    /** Reports a usage error: the message and the usage on {@code err}; returns the exit code, 2. */
    public static int usageError(String message, PrintStream err) {
        err.println("facefleet: " + message);
        err.print(USAGE);
        return 2;
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (java.util.Arrays.stream(args).anyMatch(HELP_FLAGS::contains)) {
            out.print(USAGE);
            return 2;
        }
        CliArgs a;
        try {
            a = CliArgs.parse(args);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage(), err);
        }
        if (a.verb().equals("help")) {
            out.print(USAGE);
            return 0;
        }
        try {
            if (a.verb().equals("simulate")) {
                return simulate(a, out);
            }
            Gallery gallery = gallery(a, err);
            if (a.verb().equals("subjects")) {
                subjects(gallery, out);
                return 0;
            }
            try (FaceEngine engine = FaceEngine.load(EngineConfig.defaults().withModels(ModelFiles.from(a.modelDir()))
                    .withBatching(8, 0))) {
                // the quality bounds of application.properties (and -D overrides), as the service's
                FaceService service = new FaceService(new ImageDecoder(), engine, gallery, new AnalysisCache(0),
                        QualitySettings.bounds(Settings.load(new String[0])));
                return switch (a.verb()) {
                    case "embed", "detect" -> describe(service, a, out, err);
                    case "enroll" -> enroll(service, a, out, err);
                    case "identify" -> identify(service, a, out, err);
                    case "verify" -> verify(service, a, out);
                    default -> throw new IllegalStateException(a.verb());
                };
            }
        } catch (ModelFileException | GalleryException | EnrolmentException | ImageRejectedException | HttpError e) {
            err.println("facefleet: " + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            err.println("facefleet: no such file: " + e.getFile());
            return 1;
        } catch (IOException e) {
            err.println("facefleet: " + e);
            return 1;
        }
    }

    /** Faces of one image as a JSON array. */
    private interface PerImage {
        ArrayNode faces(byte[] image) throws IOException;
    }

    private static int describe(FaceService service, CliArgs a, PrintStream out, PrintStream err) throws IOException {
        boolean full = a.verb().equals("embed");
        return eachImage(a, out, err, bytes -> {
            ArrayNode faces = JSON.createArrayNode();
            if (full) {
                service.analyze(bytes, a.attributes()).forEach(f -> faces.add(Json.face(f, true)));
            } else if (a.attributes().isEmpty()) {
                service.detect(bytes).forEach(d -> faces.add(Json.detection(d)));
            } else {
                service.analyze(bytes, a.attributes()).forEach(f -> faces.add(Json.detected(f)));
            }
            return faces;
        });
    }

    /** One JSON line per image path: its faces, or its error (and then exit code 1 at the end). */
    private static int eachImage(CliArgs a, PrintStream out, PrintStream err, PerImage work) throws IOException {
        int failures = 0;
        for (String path : a.positional()) {
            ObjectNode line = JSON.createObjectNode().put("path", path);
            try {
                line.set("faces", work.faces(Files.readAllBytes(Path.of(path))));
            } catch (ImageRejectedException | IOException e) {
                line.put("error", e instanceof NoSuchFileException ? "no such file" : e.getMessage());
                err.println("facefleet: " + path + ": " + line.get("error").asText());
                failures++;
            }
            out.println(JSON.writeValueAsString(line));
        }
        return failures == 0 ? 0 : 1;
    }

    private static int enroll(FaceService service, CliArgs a, PrintStream out, PrintStream err) throws IOException {
        BulkEnrolment bulk = new BulkEnrolment(service);
        List<BulkEnrolment.Outcome> outcomes;
        if (a.option("dir") != null) {
            outcomes = bulk.fromFolders(Path.of(a.option("dir")));
        } else if (a.option("csv") != null) {
            outcomes = bulk.fromCsv(Path.of(a.option("csv")), Path.of(a.option("images")));
        } else {
            String name = a.option("name");
            outcomes = new java.util.ArrayList<>();
            for (String path : a.positional()) {
                outcomes.addAll(bulk.single(name, Path.of(path)));
            }
        }
        int skipped = 0;
        for (BulkEnrolment.Outcome o : outcomes) {
            ObjectNode line = JSON.createObjectNode().put("subject", o.subject()).put("source", o.source())
                    .put("enrolled", o.enrolled());
            if (!o.enrolled()) {
                line.put("skipped", o.skippedBecause());
                skipped++;
            }
            out.println(JSON.writeValueAsString(line));
        }
        err.printf("facefleet: %d enrolled, %d skipped; gallery has %d subjects%n",
                outcomes.size() - skipped, skipped, service.gallery().subjects().size());
        return outcomes.isEmpty() || skipped == outcomes.size() ? 1 : 0;
    }

    private static int identify(FaceService service, CliArgs a, PrintStream out, PrintStream err) throws IOException {
        return eachImage(a, out, err, bytes -> {
            ArrayNode faces = JSON.createArrayNode();
            service.identify(a.collection(), bytes, a.attributes()).forEach(f -> faces.add(Json.identified(f, a.unknownLabel())));
            return faces;
        });
    }

    private static int verify(FaceService service, CliArgs a, PrintStream out) throws IOException {
        FaceService.Verification v = service.verify(Files.readAllBytes(Path.of(a.positional().get(0))),
                Files.readAllBytes(Path.of(a.positional().get(1))));
        out.println(JSON.writeValueAsString(Json.verification(v)));
        return 0;
    }

    private static int simulate(CliArgs a, PrintStream out) throws IOException {
        Path dir = Path.of(a.options().getOrDefault("out", "docs"));
        if (a.positional().contains("all")) {
            return io.facefleet.scaling.sim.SimulateCommand.all(dir, out);
        }
        return io.facefleet.scaling.sim.SimulateCommand.one(a.option("trace"), a.policy(), a.bootSeconds() * 1000, a.serviceMillis(),
                dir, out);
    }

    /** The gallery of --collection; enrolling into one that does not exist yet creates it. */
    private static Gallery gallery(CliArgs a, PrintStream err) {
        Catalog catalog = Catalogs.shared(a.dataDir(), GallerySettings.defaults());
        if (a.verb().equals("enroll") && catalog.find(a.collection()).isEmpty()) {
            catalog.create(a.collection());
            err.println("facefleet: created collection " + a.collection());
        }
        return catalog.gallery(a.collection(), a.threshold());
    }

    private static void subjects(Gallery gallery, PrintStream out) throws IOException {
        out.println(JSON.writeValueAsString(Json.subjects(gallery.subjects())));
    }
}
