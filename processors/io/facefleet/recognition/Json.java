package io.facefleet.recognition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.engine.Detection;
import io.facefleet.engine.Face;
import io.facefleet.engine.FaceAttributes;
import io.facefleet.engine.FaceQuality;
import io.facefleet.gallery.Example;
import io.facefleet.gallery.Subject;
import io.facefleet.json.Mappers;
import java.util.List;
import java.util.Map;

/** The JSON shapes of results, shared by the command line and the HTTP API. */
public final class Json {

    private Json() {
    }

    /** {@code {"box":[x,y,w,h], "score":s}} */
    public static ObjectNode detection(Detection d) {
        ObjectNode n = Mappers.json().createObjectNode();
        ArrayNode box = n.putArray("box");
        box.add(round(d.x())).add(round(d.y())).add(round(d.width())).add(round(d.height()));
        n.put("score", round4(d.score()));
        return n;
    }

    /** Detection plus the face's attributes when it has some (detect with {@code attributes}). */
    public static ObjectNode detected(Face f) {
        ObjectNode n = detection(f.detection());
        if (f.attributes() != null) {
            n.set("attributes", attributes(f.attributes()));
        }
        return n;
    }

    /**
     * The asked parts only: {@code {"age":years, "gender":"male"|"female", "genderProbability":0.5..1,
     * "expression":most probable, "expressions":{"neutral":p, ... 7 in face-api's order}}}.
     */
    public static ObjectNode attributes(FaceAttributes a) {
        ObjectNode n = Mappers.json().createObjectNode();
        if (a.age() != null) {
            n.put("age", round1(a.age()));
        }
        if (a.gender() != null) {
            n.put("gender", a.gender().wireName());
            n.put("genderProbability", round4(a.genderProbability()));
        }
        if (a.expressions() != null) {
            n.put("expression", a.dominantExpression().wireName());
            ObjectNode e = n.putObject("expressions");
            for (Map.Entry<FaceAttributes.Expression, Float> p : a.expressions().entrySet()) {
                e.put(p.getKey().wireName(), round4(p.getValue()));
            }
        }
        return n;
    }

    /**
     * Detection plus 68 landmarks, the quality (when measured), the attributes (when asked) and, when
     * asked, the 128-D descriptor.
     */
    public static ObjectNode face(Face f, boolean withDescriptor) {
        ObjectNode n = detection(f.detection());
        ArrayNode lm = n.putArray("landmarks");
        for (float[] p : f.landmarks()) {
            lm.addArray().add(round(p[0])).add(round(p[1]));
        }
        if (f.quality() != null) {
            n.set("quality", quality(f.quality()));
        }
        if (f.attributes() != null) {
            n.set("attributes", attributes(f.attributes()));
        }
        if (withDescriptor) {
            ArrayNode d = n.putArray("descriptor");
            for (float v : f.descriptor()) {
                d.add(v);
            }
        }
        return n;
    }

    /**
     * A face with its subject ({@code unknownLabel} when none), distance, and {@code lowQuality}:
     * the quality bounds it falls short of (an empty list when none).
     */
    public static ObjectNode identified(FaceService.IdentifiedFace f, String unknownLabel) {
        ObjectNode n = face(f.face(), false);
        n.put("subject", f.match().labelOr(unknownLabel));
        n.put("known", f.match().known());
        if (Float.isFinite(f.match().distance())) {
            n.put("distance", round4(f.match().distance()));
        } else {
            n.putNull("distance");
        }
        ArrayNode low = n.putArray("lowQuality");
        f.lowQuality().forEach(r -> low.add(r.name()));
        return n;
    }

    /**
     * {@code {"size":px, "sharpness":0..1, "brightness":0..1, "yaw":deg, "pitch":deg, "roll":deg}}
     * (see {@link FaceQuality} for each figure's meaning and range).
     */
    public static ObjectNode quality(FaceQuality q) {
        return Mappers.json().createObjectNode().put("size", q.size()).put("sharpness", round4(q.sharpness()))
                .put("brightness", round4(q.brightness())).put("yaw", round1(q.yaw())).put("pitch", round1(q.pitch()))
                .put("roll", round1(q.roll()));
    }

    public static ObjectNode verification(FaceService.Verification v) {
        return Mappers.json().createObjectNode().put("distance", round4(v.distance())).put("samePerson", v.samePerson())
                .put("threshold", v.threshold());
    }

    public static ObjectNode subjects(List<Subject> subjects) {
        ObjectNode n = Mappers.json().createObjectNode();
        ArrayNode arr = n.putArray("subjects");
        for (Subject s : subjects) {
            ObjectNode sn = arr.addObject().put("name", s.name()).put("examples", s.examples().size());
            ArrayNode ex = sn.putArray("exampleFaces");
            for (Example e : s.examples()) {
                ex.addObject().put("id", e.id()).put("source", e.source()).put("enrolledAt", e.enrolledAtMillis());
            }
        }
        return n;
    }

    private static double round(float v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static double round1(float v) {
        return Math.round(v * 10.0) / 10.0;
    }

    private static double round4(float v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
