package io.facefleet.testing;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.imageio.ImageIO;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** Plain exchanges for testing one processor alone (web or worker): no routes, no server. */
public final class Exchanges {

    private static final CamelContext CONTEXT = new DefaultCamelContext();

    private Exchanges() {
    }

    public static Exchange plain() {
        return new DefaultExchange(CONTEXT);
    }

    /** Adds a file part (as platform-http does: the part's file name is the data handler's name). */
    public static Exchange withFile(Exchange exchange, String field, String fileName, byte[] bytes) {
        exchange.getMessage(AttachmentMessage.class).addAttachment(field, new DataHandler(new DataSource() {
            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public OutputStream getOutputStream() {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public String getContentType() {
                return "application/octet-stream";
            }

            @Override
            public String getName() {
                return fileName;
            }
        }));
        return exchange;
    }

    /** A small valid PNG of the given side. */
    public static byte[] png(int side) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    /** A small valid JPEG of the given side. */
    public static byte[] jpeg(int side) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB), "jpg", out);
        return out.toByteArray();
    }
}
