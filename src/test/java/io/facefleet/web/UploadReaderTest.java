package io.facefleet.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.Exchanges;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageLimits;
import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.messaging.HttpError;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** UploadReader alone: the upload is checked before anything else happens, and becomes an Upload. */
class UploadReaderTest {

    private static final int MAX_BYTES = 4096;
    private final UploadReader reader = new UploadReader("inputFile",
            new ImageDecoder(new ImageLimits(MAX_BYTES, 1_000_000, 2)));

    @Test
    void aGoodImageBecomesAnUploadNamedSafelyAndTypedByItsBytes() throws Exception {
        byte[] png = Exchanges.png(16);
        // a lying extension and a directory part: the name is reduced, the type comes from the bytes
        Exchange exchange = Exchanges.withFile(Exchanges.plain(), "inputFile", "../../etc/photo.jpg", png);
        reader.process(exchange);
        Upload upload = exchange.getMessage().getBody(Upload.class);
        assertEquals("photo.jpg", upload.name());
        assertEquals("png", upload.extension());
        assertArrayEquals(png, upload.bytes());
    }

    @Test
    void aMissingFieldIs400() throws Exception {
        Exchange exchange = Exchanges.withFile(Exchanges.plain(), "otherField", "a.png", Exchanges.png(16));
        HttpError e = assertThrows(HttpError.class, () -> reader.process(exchange));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("'inputFile'"), e.getMessage());
        HttpError none = assertThrows(HttpError.class, () -> reader.process(Exchanges.plain()));
        assertEquals(400, none.status(), "no multipart body at all");
    }

    @Test
    void anUploadOverTheLimitIs413() throws Exception {
        byte[] big = new byte[MAX_BYTES + 1];
        byte[] png = Exchanges.png(16);
        System.arraycopy(png, 0, big, 0, png.length);
        Exchange exchange = Exchanges.withFile(Exchanges.plain(), "inputFile", "big.png", big);
        HttpError e = assertThrows(HttpError.class, () -> reader.process(exchange));
        assertEquals(413, e.status());
        // exactly at the limit is still read
        byte[] atLimit = java.util.Arrays.copyOf(big, MAX_BYTES);
        assertEquals(MAX_BYTES, UploadReader.readLimited(Exchanges.withFile(Exchanges.plain(), "f", "x", atLimit)
                .getMessage(org.apache.camel.attachment.AttachmentMessage.class).getAttachment("f"), MAX_BYTES).length);
    }

    @Test
    void notAnImageIs415AndTheBodyIsUntouched() throws Exception {
        Exchange exchange = Exchanges.withFile(Exchanges.plain(), "inputFile", "photo.png", "not an image at all".getBytes());
        exchange.getMessage().setBody("the request");
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> reader.process(exchange));
        assertEquals(415, e.httpStatus());
        assertEquals("the request", exchange.getMessage().getBody(), "nothing became an upload");
    }
}
