package io.facefleet.web;

import io.facefleet.gallery.Gallery;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.HttpError;
import io.facefleet.recognition.Json;
import org.apache.camel.Exchange;

/** Listing and deleting subjects: reads and writes of the gallery that need no face engine. */
public final class SubjectsApi {

    private final Gallery gallery;

    public SubjectsApi(Gallery gallery) {
        this.gallery = gallery;
    }

    public void list(Exchange exchange) throws Exception {
        json(exchange, 200, Mappers.json().writeValueAsString(Json.subjects(gallery.subjects())));
    }

    public void delete(Exchange exchange) throws Exception {
        String name = exchange.getMessage().getHeader("subject", String.class);
        if (!gallery.delete(name)) {
            throw new HttpError(404, "no subject named " + name);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        exchange.getMessage().setBody(null);
    }

    static void json(Exchange exchange, int status, String body) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body);
    }
}
