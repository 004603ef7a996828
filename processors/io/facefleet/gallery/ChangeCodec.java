package io.facefleet.gallery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A log entry's changes as bytes and back (the journal frames them and checks their CRC). */
final class ChangeCodec {

    private static final byte ADD = 1;
    private static final byte DELETE_FACE = 2;
    private static final byte DELETE_SUBJECT = 3;

    private ChangeCodec() {
    }

    static byte[] encode(List<Change> changes) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + changes.size() * 600);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(changes.size());
            for (Change c : changes) {
                if (c instanceof Change.AddFace a) {
                    out.writeByte(ADD);
                    out.writeUTF(a.id());
                    out.writeUTF(a.subject());
                    optional(out, a.source());
                    optional(out, a.sha256());
                    out.writeLong(a.enrolledAtMillis());
                    out.writeLong(a.ord());
                    out.writeShort(a.descriptor().length);
                    for (float v : a.descriptor()) {
                        out.writeFloat(v);
                    }
                } else if (c instanceof Change.DeleteFace d) {
                    out.writeByte(DELETE_FACE);
                    out.writeUTF(d.id());
                } else {
                    out.writeByte(DELETE_SUBJECT);
                    out.writeUTF(((Change.DeleteSubject) c).subject());
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Change> decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int n = in.readInt();
        List<Change> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte type = in.readByte();
            switch (type) {
                case ADD -> {
                    String id = in.readUTF();
                    String subject = in.readUTF();
                    String source = optional(in);
                    String sha = optional(in);
                    long at = in.readLong();
                    long ord = in.readLong();
                    float[] v = new float[in.readShort()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = in.readFloat();
                    }
                    out.add(new Change.AddFace(id, subject, source, sha, at, ord, v));
                }
                case DELETE_FACE -> out.add(new Change.DeleteFace(in.readUTF()));
                case DELETE_SUBJECT -> out.add(new Change.DeleteSubject(in.readUTF()));
                default -> throw new IOException("unknown change type " + type);
            }
        }
        return out;
    }

    private static void optional(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
