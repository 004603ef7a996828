package io.facefleet.gallery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The change log of one collection on local disk: segment files {@code <first seq>.log} of
 * frames {@code length | crc32c | seq | payload}, appended and fsynced once per group of entries.
 * After a Lucene commit a new segment starts and the older ones are deleted. On open, a short or
 * bad frame at the end of the last segment is a write that was never acknowledged (the process
 * died mid-write): it is cut off. A bad frame followed by a good one, or in an older segment, is
 * damage: the journal refuses to open rather than lose entries silently.
 */
final class LocalJournal implements ChangeLog {

    static final int HEADER = 16;
    private static final String SUFFIX = ".log";

    private final Path dir;
    private FileChannel current;
    private long currentFirst;
    private long lastSeq = -1;
    private boolean failed;

    LocalJournal(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    @Override
    public synchronized long replay(long afterSeq, Consumer<LogEntry> apply) throws IOException {
        List<Path> segments = segments();
        long expected = -1;
        for (int i = 0; i < segments.size(); i++) {
            Path seg = segments.get(i);
            long first = firstSeq(seg);
            if (expected == -1) {
                if (first > afterSeq + 1) {
                    throw damaged(seg, 0, "the journal starts at entry " + first + " but the index holds only up to " + afterSeq);
                }
                expected = first;
            } else if (first != expected) {
                throw damaged(seg, 0, "the segment starts at entry " + first + ", the one before ended at " + (expected - 1));
            }
            expected = readSegment(seg, expected, afterSeq, i == segments.size() - 1, apply);
        }
        lastSeq = Math.max(afterSeq, expected - 1);
        if (segments.isEmpty() || expected - 1 < afterSeq) {
            startSegment(lastSeq + 1);
            deleteSegmentsBefore(lastSeq + 1);
        } else {
            Path last = segments.get(segments.size() - 1);
            currentFirst = firstSeq(last);
            current = FileChannel.open(last, StandardOpenOption.WRITE);
            current.position(current.size());
        }
        return lastSeq;
    }

    /** Reads one segment's frames from {@code expected} on; returns the next expected sequence number. */
    private long readSegment(Path seg, long expected, long afterSeq, boolean last, Consumer<LogEntry> apply) throws IOException {
        byte[] bytes = Files.readAllBytes(seg);
        int pos = 0;
        while (pos < bytes.length) {
            long seq = frameSeq(bytes, pos);
            if (seq != expected) {
                if (!last || goodFrameAfter(bytes, pos + 1, expected)) {
                    throw damaged(seg, pos, seq < 0 ? "a bad frame (length or CRC)" : "entry " + seq + " where " + expected + " was due");
                }
                // the torn tail of a write that was never acknowledged
                try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
                    ch.truncate(pos);
                    ch.force(true);
                }
                break;
            }
            int length = ByteBuffer.wrap(bytes, pos, 4).getInt();
            if (seq > afterSeq) {
                byte[] payload = new byte[length];
                System.arraycopy(bytes, pos + HEADER, payload, 0, length);
                apply.accept(new LogEntry(seq, ChangeCodec.decode(payload)));
            }
            pos += HEADER + length;
            expected++;
        }
        return expected;
    }

    /** The sequence number of a whole frame with a good CRC at {@code pos}, or -1. */
    private static long frameSeq(byte[] b, int pos) {
        if (b.length - pos < HEADER) {
            return -1;
        }
        ByteBuffer h = ByteBuffer.wrap(b, pos, HEADER);
        int length = h.getInt();
        int crc = h.getInt();
        long seq = h.getLong();
        if (length < 4 || length > b.length - pos - HEADER || seq < 1) {
            return -1;
        }
        CRC32C c = new CRC32C();
        c.update(b, pos + 8, 8 + length);
        return (int) c.getValue() == crc ? seq : -1;
    }

    private static boolean goodFrameAfter(byte[] b, int from, long expected) {
        for (int p = from; p <= b.length - HEADER; p++) {
            if (frameSeq(b, p) >= expected) {
                return true;
            }
        }
        return false;
    }

    private GalleryException damaged(Path seg, int pos, String what) {
        return new GalleryException("the gallery journal " + seg + " is damaged at byte " + pos + ": " + what
                + "; acknowledged changes would be lost, so the collection does not open (restore the directory from a backup,"
                + " or move it aside to start the collection empty)", null);
    }

    @Override
    public synchronized void append(List<LogEntry> entries) throws IOException {
        if (failed || current == null) {
            throw new IOException("the gallery journal in " + dir + " failed earlier (or was not opened); reopen the collection");
        }
        byte[][] payloads = new byte[entries.size()][];
        int size = 0;
        for (int i = 0; i < payloads.length; i++) {
            LogEntry e = entries.get(i);
            if (e.seq() != lastSeq + 1 + i) {
                throw new IllegalStateException("journal entry " + e.seq() + " where " + (lastSeq + 1 + i) + " was due");
            }
            payloads[i] = ChangeCodec.encode(e.changes());
            size += HEADER + payloads[i].length;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        for (int i = 0; i < payloads.length; i++) {
            long seq = entries.get(i).seq();
            ByteBuffer seqBytes = ByteBuffer.allocate(8).putLong(0, seq);
            CRC32C c = new CRC32C();
            c.update(seqBytes.array());
            c.update(payloads[i]);
            buf.putInt(payloads[i].length).putInt((int) c.getValue()).putLong(seq).put(payloads[i]);
        }
        buf.flip();
        long before = current.position();
        try {
            while (buf.hasRemaining()) {
                current.write(buf);
            }
            current.force(false);
        } catch (IOException e) {
            try {
                current.truncate(before);
                current.position(before);
            } catch (IOException again) {
                failed = true;
            }
            throw e;
        }
        lastSeq += entries.size();
    }

    @Override
    public synchronized void committed(long seq) throws IOException {
        if (seq != lastSeq || current == null) {
            return;
        }
        current.close();
        startSegment(seq + 1);
        deleteSegmentsBefore(seq + 1);
    }

    private void startSegment(long first) throws IOException {
        if (current != null && current.isOpen()) {
            current.close();
        }
        Path seg = dir.resolve(String.format("%020d%s", first, SUFFIX));
        current = FileChannel.open(seg, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        current.position(current.size());
        currentFirst = first;
        syncDir();
    }

    private void deleteSegmentsBefore(long first) throws IOException {
        for (Path seg : segments()) {
            if (firstSeq(seg) < first) {
                Files.delete(seg);
            }
        }
        syncDir();
    }

    private void syncDir() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList());
        }
    }

    private static long firstSeq(Path seg) {
        String n = seg.getFileName().toString();
        return Long.parseLong(n.substring(0, n.length() - SUFFIX.length()));
    }

    @Override
    public synchronized void close() throws IOException {
        if (current != null) {
            current.close();
        }
    }
}
