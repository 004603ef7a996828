package io.facefleet.engine.image;

import io.facefleet.engine.image.ImageRejectedException.Reason;
import java.nio.charset.StandardCharsets;

/**
 * Tells the format from the first bytes, whatever the file was called. Formats we recognise but
 * do not decode get {@link Reason#UNSUPPORTED_FORMAT} (the client can convert them); anything
 * else is {@link Reason#NOT_AN_IMAGE}.
 */
final class FormatSniffer {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private FormatSniffer() {
    }

    static ImageFormat sniff(byte[] b) {
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return ImageFormat.JPEG;
        }
        if (startsWith(b, 0, PNG_SIGNATURE)) {
            return ImageFormat.PNG;
        }
        if (startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"))) {
            return ImageFormat.GIF;
        }
        if (isBmp(b)) {
            return ImageFormat.BMP;
        }
        if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
            return ImageFormat.WEBP;
        }
        if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)) {
            return ImageFormat.TIFF;
        }
        String other = otherImageFormat(b);
        if (other != null) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT, "This is a " + other
                    + " image; only " + ImageFormat.ACCEPTED + " are accepted.");
        }
        throw new ImageRejectedException(Reason.NOT_AN_IMAGE, "The upload is not an image"
                + describe(b) + "; send a " + ImageFormat.ACCEPTED_OR + " file.");
    }

    /** "BM" alone is two letters of text, so also require a known DIB header size after it. */
    private static boolean isBmp(byte[] b) {
        if (b.length < 18 || b[0] != 'B' || b[1] != 'M') {
            return false;
        }
        long dib = Bytes.u32le(b, 14);
        return dib == 12 || dib == 16 || dib == 40 || dib == 52 || dib == 56 || dib == 64
                || dib == 108 || dib == 124;
    }

    private static String otherImageFormat(byte[] b) {
        if (startsWith(b, 0, 'I', 'I', 43, 0) || startsWith(b, 0, 'M', 'M', 0, 43)) {
            return "BigTIFF";
        }
        if (startsWith(b, 0, 'I', 'I', 0xBC, 1)) {
            return "JPEG XR";
        }
        if (startsWith(b, 4, ascii("ftyp")) && b.length >= 12) {
            String isoMedia = isoMediaImage(b);
            if (isoMedia != null) {
                return isoMedia;
            }
        }
        if (startsWith(b, 0, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ') || startsWith(b, 0, 0xFF, 0x4F, 0xFF, 0x51)) {
            return "JPEG 2000";
        }
        if (startsWith(b, 0, 0xFF, 0x0A) || startsWith(b, 0, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ')) {
            return "JPEG XL";
        }
        if ((startsWith(b, 0, 0, 0, 1, 0) || startsWith(b, 0, 0, 0, 2, 0)) && b.length >= 6
                && Bytes.u16le(b, 4) > 0 && Bytes.u16le(b, 4) <= 256) {
            return "Windows icon";
        }
        if (startsWith(b, 0, ascii("8BPS"))) {
            return "Photoshop (PSD)";
        }
        if (startsWith(b, 0, 0x76, 0x2F, 0x31, 0x01)) {
            return "OpenEXR";
        }
        if (startsWith(b, 0, ascii("qoif"))) {
            return "QOI";
        }
        if (looksLikeSvg(b)) {
            return "SVG (vector)";
        }
        return null;
    }

    /**
     * AVIF and HEIC share the ISO media "ftyp" box: the major brand, then the compatible brands
     * (a file may say mif1 first and avif only among the compatible ones).
     */
    private static String isoMediaImage(byte[] b) {
        int boxEnd = (int) Math.min(Math.min(b.length, 256), Math.max(12, Bytes.u32be(b, 0)));
        boolean heif = false;
        for (int at = 8; at + 4 <= boxEnd; at += 4) {
            if (at == 12) {
                continue; // the minor version, not a brand
            }
            String brand = new String(b, at, 4, StandardCharsets.ISO_8859_1);
            if (brand.equals("avif") || brand.equals("avis")) {
                return "AVIF";
            }
            heif |= brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1");
        }
        return heif ? "HEIF/HEIC" : null;
    }

    private static boolean looksLikeSvg(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, 1024), StandardCharsets.ISO_8859_1).stripLeading();
        return head.startsWith("<") && head.contains("<svg");
    }

    private static String describe(byte[] b) {
        if (startsWith(b, 0, ascii("%PDF"))) {
            return " (it is a PDF document)";
        }
        if (startsWith(b, 0, 'P', 'K', 3, 4)) {
            return " (it is a ZIP archive)";
        }
        return "";
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] b, int at, int... prefix) {
        if (b.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[at + i] & 0xFF) != (prefix[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (b.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
