package io.facefleet.rekognition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageLimits;
import io.facefleet.web.Upload;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rekognition's Image member: Bytes or S3Object, exactly one, and each refusal as its AWS error, mapped through RekognitionErrors. */
class AwsImageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static String typeOf(Runnable r) {
        Throwable t = assertThrows(RuntimeException.class, r::run);
        return RekognitionErrors.of(t).type();
    }

    @Test
    void bytesAndS3ObjectsWithTheirRefusals(@TempDir Path s3) throws Exception {
        byte[] png = png();
        Files.createDirectories(s3.resolve("bucket/a"));
        Files.write(s3.resolve("bucket/a/p.png"), png);
        Files.write(s3.resolve("secret.png"), png);
        AwsImage images = new AwsImage(new ImageDecoder(new ImageLimits(1000, 40_000_000, 2)), new LocalS3Objects(s3));
        JsonNode bytes = JSON.readTree("{\"Image\":{\"Bytes\":\"" + Base64.getEncoder().encodeToString(png) + "\"}}");
        Upload u = images.read(bytes, "Image");
        assertArrayEquals(png, u.bytes());
        assertEquals("png", u.extension());
        assertArrayEquals(png, images.read(JSON.readTree("{\"Image\":{\"S3Object\":{\"Bucket\":\"bucket\",\"Name\":\"a/p.png\"}}}"), "Image").bytes());

        assertEquals("InvalidParameterException", typeOf(() -> images.read(JSON.createObjectNode(), "Image")));
        assertEquals("InvalidParameterException", typeOf(() -> images.read(read("{\"Image\":{}}"), "Image")));
        assertEquals("InvalidParameterException", typeOf(() -> images.read(read("{\"Image\":{\"Bytes\":\"AAAA\",\"S3Object\":{\"Bucket\":\"b\",\"Name\":\"n\"}}}"), "Image")));
        assertEquals("InvalidParameterException", typeOf(() -> images.read(read("{\"Image\":{\"Bytes\":\"not base64 !!\"}}"), "Image")));
        assertEquals("InvalidImageFormatException", typeOf(() -> images.read(read("{\"Image\":{\"Bytes\":\"" + Base64.getEncoder().encodeToString("hello".getBytes()) + "\"}}"), "Image")));
        assertEquals("ImageTooLargeException", typeOf(() -> images.read(read("{\"Image\":{\"Bytes\":\"" + Base64.getEncoder().encodeToString(new byte[1001]) + "\"}}"), "Image")));
        assertEquals("InvalidS3ObjectException", typeOf(() -> images.read(read("{\"Image\":{\"S3Object\":{\"Bucket\":\"bucket\",\"Name\":\"none.png\"}}}"), "Image")));
        assertEquals("InvalidS3ObjectException", typeOf(() -> images.read(read("{\"Image\":{\"S3Object\":{\"Bucket\":\"bucket\",\"Name\":\"../secret.png\"}}}"), "Image")));
        assertEquals("InvalidS3ObjectException", typeOf(() -> images.read(read("{\"Image\":{\"S3Object\":{\"Bucket\":\"..\",\"Name\":\"secret.png\"}}}"), "Image")));
    }

    private static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void statusesMapOntoAwsTypes() {
        assertEquals("ResourceNotFoundException", RekognitionErrors.ofStatus(404, "no collection named x", 0).type());
        assertEquals("ResourceAlreadyExistsException", RekognitionErrors.ofStatus(409, "a collection named x exists already", 0).type());
        assertEquals("InvalidParameterException", RekognitionErrors.ofStatus(409, "the default collection cannot be deleted", 0).type());
        assertEquals("ServiceQuotaExceededException", RekognitionErrors.ofStatus(409, "the collection x is full", 0).type());
        AwsError throttled = RekognitionErrors.ofStatus(503, "at capacity", 5);
        assertEquals("ThrottlingException", throttled.type());
        assertEquals(400, throttled.awsStatus());
        assertEquals(5, throttled.retryAfterSeconds());
        assertEquals("ThrottlingException", RekognitionErrors.ofStatus(504, "no reply in time", 0).type());
        assertEquals("InternalServerError", RekognitionErrors.ofStatus(500, "boom", 0).type());
        assertEquals(500, RekognitionErrors.ofStatus(500, "boom", 0).awsStatus());
    }
}
