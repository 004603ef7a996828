package io.facefleet.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One multipart POST on a connection of its own ({@code Connection: close}), so a test can tell
 * what happened to it: {@link java.net.ConnectException} when the server refused the connection,
 * any other {@link IOException} when it took the connection and cut it off before a whole answer.
 * (A pooled client may pick a connection the server closed just before, which tells nothing.)
 */
public final class OneShotHttp {

    /** A whole HTTP answer. */
    public record Answer(int status, String body) {
    }

    private OneShotHttp() {
    }

    public static Answer postFile(int port, String path, String apiKey, String fileName, byte[] bytes) throws IOException {
        String boundary = "facefleet-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"inputFile\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(300_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (apiKey == null ? "" : "X-API-Key: " + apiKey + "\r\n")
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + body.size() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body.toByteArray());
            out.flush();
            return read(s.getInputStream());
        }
    }

    /** The answer, or an IOException when the connection ends before the whole answer arrived. */
    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
            throw new IOException("cut off before a whole answer: got " + all.length + " bytes");
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String head = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        String body = new String(all, headEnd + 4, all.length - headEnd - 4, StandardCharsets.UTF_8);
        int lengthAt = head.indexOf("\r\ncontent-length:");
        if (lengthAt >= 0) {
            int end = head.indexOf("\r\n", lengthAt + 2);
            int length = Integer.parseInt(head.substring(lengthAt + 17, end < 0 ? head.length() : end).strip());
            if (all.length - headEnd - 4 < length) {
                throw new IOException("cut off in the middle of the answer: " + (all.length - headEnd - 4) + " of " + length + " bytes");
            }
        } else if (head.contains("transfer-encoding: chunked")) {
            if (!body.endsWith("0\r\n\r\n")) {
                throw new IOException("cut off in the middle of a chunked answer");
            }
            body = unchunk(body);
        }
        return new Answer(status, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }
}
