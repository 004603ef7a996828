package io.facefleet.compreface;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.gallery.Example;
import io.facefleet.gallery.Gallery;
import io.facefleet.gallery.Subject;
import io.facefleet.json.Mappers;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * CompreFace's example faces over the gallery (web tier, no face engine): delete a subject's
 * examples ({@code {"deleted": n}}, 0 for a subject that has none) and list examples a page at a
 * time ({@code ?page=&size=&subject=}). The image_id of an example is its gallery example id.
 * Both read the collection through {@link Gallery#subjects()}, whole, as CompreFace's page numbers
 * need the total: fine for the galleries a Double Take install keeps (hundreds of examples); the
 * collections API pages large ones by token.
 */
public final class FacesApi {

    private final Gallery gallery;
    private final String collection;
    private final CompreFaceRequests requests;
    private final int pageDefault;
    private final int pageMax;

    /**
     * @param gallery the service's gallery
     * @param collection the collection CompreFace's clients use ({@code facefleet.compreface.collection})
     * @param pageDefault examples per page when {@code size} is absent
     * @param pageMax most examples per page
     */
    public FacesApi(Gallery gallery, String collection, CompreFaceRequests requests, int pageDefault, int pageMax) {
        this.gallery = gallery;
        this.collection = collection;
        this.requests = requests;
        this.pageDefault = pageDefault;
        this.pageMax = pageMax;
    }

    /**
     * {@code DELETE ?subject=}: the subject and all its examples. Without a subject CompreFace would
     * empty the whole collection; this service refuses that (400 code 33): one stray call must not
     * wipe the gallery (deleting a collection is the collections API's explicit call).
     */
    public void delete(Exchange exchange) throws Exception {
        String subject = requests.subject(exchange);
        Gallery g = gallery.in(collection);
        int examples = 0;
        for (Subject s : g.subjects()) {
            if (s.name().equals(subject)) {
                examples = s.examples().size();
            }
        }
        if (!g.delete(subject)) {
            examples = 0;
        }
        json(exchange, Mappers.json().createObjectNode().put("deleted", examples));
    }

    /** {@code GET ?page=&size=&subject=}: one page of examples in enrolment order, with CompreFace's page figures. */
    public void list(Exchange exchange) throws Exception {
        int page = whole(exchange, "page", 0);
        int size = whole(exchange, "size", pageDefault);
        if (page < 0 || size < 1 || size > pageMax) {
            throw new CompreFaceError(400, CompreFaceError.VALIDATION_CONSTRAINT_VIOLATION,
                    "page is 0 or more and size 1.." + pageMax + ", got page " + page + " and size " + size);
        }
        String only = exchange.getMessage().getHeader("subject", String.class);
        List<String[]> all = new ArrayList<>();
        for (Subject s : gallery.in(collection).subjects()) {
            if (only == null || only.isBlank() || s.name().equals(only)) {
                for (Example e : s.examples()) {
                    all.add(new String[] {e.id(), s.name()});
                }
            }
        }
        ObjectNode out = Mappers.json().createObjectNode();
        ArrayNode faces = out.putArray("faces");
        long from = (long) page * size;
        for (long i = from; i < Math.min(all.size(), from + size); i++) {
            String[] f = all.get((int) i);
            faces.addObject().put("image_id", f[0]).put("subject", f[1]);
        }
        out.put("page_number", page).put("page_size", size).put("total_pages", (all.size() + size - 1) / size)
                .put("total_elements", all.size());
        json(exchange, out);
    }

    private static int whole(Exchange exchange, String name, int absent) {
        String v = exchange.getMessage().getHeader(name, String.class);
        if (v == null || v.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new CompreFaceError(400, CompreFaceError.VALIDATION_CONSTRAINT_VIOLATION, name + " is a whole number, got " + v);
        }
    }

    private static void json(Exchange exchange, ObjectNode body) throws Exception {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(Mappers.json().writeValueAsString(body));
    }
}
