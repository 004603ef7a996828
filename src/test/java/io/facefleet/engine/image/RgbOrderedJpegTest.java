package io.facefleet.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.facefleet.testing.DemoFaces;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The JDK's JPEG reader fills an RGB-ordered image rather than its default BGR one (no
 * byte-swapping copy): the pixels stay those of the reader's default, for a demo photo and for a
 * JPEG whose embedded colour profile the reader converts to sRGB.
 */
class RgbOrderedJpegTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void aDemoPhotoDecodesToTheReadersDefaultPixels() throws IOException {
        byte[] jpeg = Files.readAllBytes(DemoFaces.photo(1));
        assertSameAsReaderDefault(jpeg);
    }

    @Test
    void aJpegWithAColourProfileIsConvertedAsTheReaderDefaultConvertsIt() {
        byte[] plain = TestImages.write(TestImages.pattern(96, 64, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        byte[] tagged = TestImages.insertAfterSoi(plain, TestImages.segment(0xE2, TestImages.concat(
                "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1), new byte[] {1, 1}, profile)));
        RgbImage converted = assertSameAsReaderDefault(tagged);
        // the profile is applied: linear RGB shown as sRGB is brighter than the plain decode
        assertFalse(java.util.Arrays.equals(decoder.decode(plain).rgb(), converted.rgb()), "profile ignored");
    }

    private RgbImage assertSameAsReaderDefault(byte[] jpeg) {
        RgbImage img = decoder.decode(jpeg);
        BufferedImage reference = TestImages.jdkRead(jpeg, "jpeg");
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, reference.getType());
        assertEquals(reference.getWidth(), img.width());
        assertEquals(reference.getHeight(), img.height());
        assertArrayEquals(TestImages.expectedRgb(reference), img.rgb());
        return img;
    }
}
