package io.facefleet.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.facefleet.testing.Exchanges;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** RequestImages alone: the store loop's iteration picks its image as body and key. */
class RequestImagesTest {

    @Test
    void eachIterationSelectsItsImage() {
        Exchange exchange = Exchanges.plain();
        RequestImages.set(exchange, List.of(new RequestImage("k1.png", new byte[] {1}), new RequestImage("k2.jpg", new byte[] {2})));
        RequestImages images = new RequestImages();
        for (int i = 0; i < 2; i++) {
            exchange.setProperty(Exchange.LOOP_INDEX, i);
            images.select(exchange);
            assertEquals("k" + (i + 1) + (i == 0 ? ".png" : ".jpg"), exchange.getMessage().getHeader(RequestImages.STORAGE_KEY));
            assertArrayEquals(new byte[] {(byte) (i + 1)}, exchange.getMessage().getBody(byte[].class));
        }
    }

    @Test
    void noImagesIsAnError() {
        assertThrows(IllegalStateException.class, () -> new RequestImages().select(Exchanges.plain()));
    }
}
