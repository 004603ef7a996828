package io.facefleet.boot;

import io.facefleet.compreface.CompreFaceErrors;
import io.facefleet.compreface.CompreFaceKeyCheck;
import io.facefleet.compreface.CompreFaceRequests;
import io.facefleet.compreface.CompreFaceSimilarity;
import io.facefleet.compreface.CompreFaceUpload;
import io.facefleet.compreface.EnrolAnswer;
import io.facefleet.compreface.FacesApi;
import io.facefleet.compreface.RecognizeAnswer;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.messaging.ReplyAwaiter;
import io.facefleet.web.ApiKeyCheck;
import io.facefleet.web.UploadReader;
import org.apache.camel.main.Main;

/** The beans of {@code routes/compreface.camel.yaml}, CompreFace's API on the web tier. */
final class CompreFaceBeans {

    private final Main main;
    private final Settings s;

    CompreFaceBeans(Main main, Settings s) {
        this.main = main;
        this.s = s;
    }

    void bind(Gallery gallery, ImageDecoder decoder, ReplyAwaiter awaiter) {
        String collection = s.get("facefleet.compreface.collection");
        Gallery.validateCollectionName(collection);
        CompreFaceRequests requests = new CompreFaceRequests();
        main.bind("compreFaceKeyCheck", new CompreFaceKeyCheck(new ApiKeyCheck(s.get("facefleet.web.api-keys"))));
        main.bind("compreFaceRequests", requests);
        main.bind("compreFaceUpload", new CompreFaceUpload(new UploadReader(CompreFaceUpload.FIELD, decoder)));
        main.bind("compreFaceRecognizeAnswer", new RecognizeAnswer(new CompreFaceSimilarity(
                s.getFloat("facefleet.gallery.threshold"), s.getFloat("facefleet.compreface.similarity-width"))));
        main.bind("compreFaceEnrolAnswer", new EnrolAnswer());
        main.bind("compreFaceFaces", new FacesApi(gallery, collection, requests,
                s.getInt("facefleet.compreface.page-size"), s.getInt("facefleet.gallery.page.max")));
        main.bind("compreFaceErrors", new CompreFaceErrors(awaiter));
    }
}
