package io.facefleet.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.gallery.Catalog;
import io.facefleet.gallery.Collection;
import io.facefleet.gallery.CollectionInfo;
import io.facefleet.gallery.Hit;
import io.facefleet.gallery.Page;
import io.facefleet.gallery.StoredFace;
import io.facefleet.gallery.SubjectCount;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.HttpError;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The collections API ({@code routes/collections.camel.yaml}): collections, their faces and
 * subjects, and similar faces by id: all reads and deletes of the gallery, none needs the face
 * engine. Path parameters arrive as the headers {@code collection}, {@code face}, {@code subject};
 * query parameters {@code limit}, {@code after}, {@code k} likewise.
 */
public final class CollectionsApi {

    /** Exchange property: the options of a search-by-image job (see {@link #searchOptions}). */
    public static final String SEARCH_OPTIONS = "facefleetSearchOptions";

    private final Catalog catalog;
    private final int pageDefault;
    private final int pageMax;
    private final int kMax;

    public CollectionsApi(Catalog catalog, int pageDefault, int pageMax, int kMax) {
        this.catalog = catalog;
        this.pageDefault = pageDefault;
        this.pageMax = pageMax;
        this.kMax = kMax;
    }

    /** POST /api/v1/collections with {"name": "..."}. */
    public void create(Exchange exchange) throws Exception {
        String body = exchange.getMessage().getBody(String.class);
        JsonNode name;
        try {
            name = body == null || body.isBlank() ? null : Mappers.json().readTree(body).get("name");
        } catch (Exception e) {
            throw new HttpError(400, "the body is JSON like {\"name\": \"staff\"}");
        }
        if (name == null || !name.isTextual()) {
            throw new HttpError(400, "the body is JSON like {\"name\": \"staff\"}");
        }
        SubjectsApi.json(exchange, 201, Mappers.json().writeValueAsString(info(catalog.create(name.asText()))));
    }

    public void list(Exchange exchange) throws Exception {
        ObjectNode out = Mappers.json().createObjectNode();
        ArrayNode arr = out.putArray("collections");
        for (CollectionInfo c : catalog.list()) {
            arr.add(info(c));
        }
        SubjectsApi.json(exchange, 200, Mappers.json().writeValueAsString(out));
    }

    public void describe(Exchange exchange) throws Exception {
        SubjectsApi.json(exchange, 200, Mappers.json().writeValueAsString(info(catalog.describe(header(exchange, "collection")))));
    }

    public void delete(Exchange exchange) {
        catalog.delete(header(exchange, "collection"));
        noContent(exchange);
    }

    /** GET .../faces?limit=&after=&subject=: one page in enrolment order, and the token of the next. */
    public void faces(Exchange exchange) throws Exception {
        Collection c = collection(exchange);
        String subject = exchange.getMessage().getHeader("subject", String.class);
        Page<StoredFace> page = c.faces(exchange.getMessage().getHeader("after", String.class), limit(exchange), subject);
        ObjectNode out = Mappers.json().createObjectNode();
        ArrayNode arr = out.putArray("faces");
        page.items().forEach(f -> arr.add(face(f)));
        out.put("next", page.next());
        SubjectsApi.json(exchange, 200, Mappers.json().writeValueAsString(out));
    }

    public void face(Exchange exchange) throws Exception {
        Collection c = collection(exchange);
        String id = header(exchange, "face");
        StoredFace f = c.face(id).orElseThrow(() -> noFace(c, id));
        SubjectsApi.json(exchange, 200, Mappers.json().writeValueAsString(face(f)));
    }

    public void deleteFace(Exchange exchange) {
        Collection c = collection(exchange);
        String id = header(exchange, "face");
        if (!c.deleteFace(id)) {
            throw noFace(c, id);
        }
        noContent(exchange);
    }

    /** GET .../faces/{face}/similar?k=10: the enrolled faces nearest to it, itself left out. */
    public void similar(Exchange exchange) throws Exception {
        Collection c = collection(exchange);
        String id = header(exchange, "face");
        int k = number(exchange, "k", 10, kMax);
        List<Hit> hits = c.similar(id, k).orElseThrow(() -> noFace(c, id));
        ObjectNode out = Mappers.json().createObjectNode();
        ArrayNode arr = out.putArray("faces");
        for (Hit h : hits) {
            arr.addObject().put("id", h.faceId()).put("subject", h.subject()).put("distance", h.distance());
        }
        SubjectsApi.json(exchange, 200, Mappers.json().writeValueAsString(out));
    }

    /**
     * POST .../search?k=10 (before the image is stored): 404 for an unknown collection, 400 for a
     * bad k, and the search job's options as the exchange property {@value #SEARCH_OPTIONS}.
     */
    public void searchOptions(Exchange exchange) {
        collection(exchange);
        exchange.setProperty(SEARCH_OPTIONS, java.util.Map.of("k", Integer.toString(number(exchange, "k", 10, kMax))));
    }

    public void subjects(Exchange exchange) throws Exception {
        Collection c = collection(exchange);
        Page<SubjectCount> page = c.subjects(exchange.getMessage().getHeader("after", String.class), limit(exchange));
        ObjectNode out = Mappers.json().createObjectNode();
        ArrayNode arr = out.putArray("subjects");
        page.items().forEach(s -> arr.addObject().put("name", s.name()).put("faces", s.faces()));
        out.put("next", page.next());
        SubjectsApi.json(exchange, 200, Mappers.json().writeValueAsString(out));
    }

    public void deleteSubject(Exchange exchange) {
        Collection c = collection(exchange);
        String subject = header(exchange, "subject");
        if (!c.deleteSubject(subject)) {
            throw new HttpError(404, "no subject named " + subject + " in collection " + c.name());
        }
        noContent(exchange);
    }

    private Collection collection(Exchange exchange) {
        return catalog.collection(header(exchange, "collection"));
    }

    private static HttpError noFace(Collection c, String id) {
        return new HttpError(404, "no face with id " + id + " in collection " + c.name());
    }

    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }

    private int limit(Exchange exchange) {
        return number(exchange, "limit", pageDefault, pageMax);
    }

    private static int number(Exchange exchange, String name, int dflt, int max) {
        String v = header(exchange, name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new HttpError(400, name + " is a whole number from 1 to " + max + ", got " + v);
        }
        if (n < 1 || n > max) {
            throw new HttpError(400, name + " is from 1 to " + max + ", got " + n);
        }
        return n;
    }

    private static ObjectNode info(CollectionInfo c) {
        return Mappers.json().createObjectNode().put("name", c.name()).put("createdAt", c.createdAtMillis())
                .put("faces", c.faces()).put("subjects", c.subjects()).put("search", c.search());
    }

    private static ObjectNode face(StoredFace f) {
        return Mappers.json().createObjectNode().put("id", f.id()).put("subject", f.subject()).put("source", f.source())
                .put("enrolledAt", f.enrolledAtMillis());
    }

    private static void noContent(Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        exchange.getMessage().setBody(null);
    }
}
