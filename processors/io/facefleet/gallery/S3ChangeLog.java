package io.facefleet.gallery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A collection's change log shared by every host: entry n is the object {@code log/<n, 20 digits>}
 * under the collection's prefix, written with a conditional PUT (If-None-Match: *), so two hosts
 * can never both write the same number: the one that loses reads the winner's entry, applies it,
 * plans again and tries the next number. Numbers are dense, so a host finds what is new by
 * GETting the next number (a 404: nothing yet), never by listing. Each object is
 * {@code crc32c | seq | payload}: a damaged or misplaced object is refused, never applied.
 */
final class S3ChangeLog implements ChangeLog {

    /** GETs in parallel while catching up after a snapshot. */
    private static final int CATCH_UP_READS = 8;

    private final GalleryObjects objects;
    private final String prefix;
    private long lastSeq;

    /** @param prefix the collection's prefix, e.g. "c/<uuid>/" */
    S3ChangeLog(GalleryObjects objects, String prefix) {
        this.objects = objects;
        this.prefix = prefix;
    }

    static String key(String prefix, long seq) {
        return prefix + "log/" + String.format("%020d", seq) + ".bin";
    }

    @Override
    public boolean shared() {
        return true;
    }

    /** Reads on from {@code afterSeq} until the first number nobody has written, eight GETs at a time. */
    @Override
    public long replay(long afterSeq, Consumer<LogEntry> apply) throws IOException {
        long next = afterSeq + 1;
        ExecutorService pool = Executors.newFixedThreadPool(CATCH_UP_READS, r -> {
            Thread t = new Thread(r, "gallery-log-catch-up");
            t.setDaemon(true);
            return t;
        });
        try {
            while (true) {
                List<Future<Optional<LogEntry>>> reads = new ArrayList<>();
                for (int i = 0; i < CATCH_UP_READS; i++) {
                    long seq = next + i;
                    reads.add(pool.submit(() -> read(seq)));
                }
                for (Future<Optional<LogEntry>> f : reads) {
                    Optional<LogEntry> e = f.get();
                    if (e.isEmpty()) {
                        lastSeq = next - 1;
                        return lastSeq;
                    }
                    apply.accept(e.get());
                    next++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the gallery log", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public Optional<LogEntry> read(long seq) throws IOException {
        Optional<byte[]> got = objects.get(key(prefix, seq));
        if (got.isEmpty()) {
            return Optional.empty();
        }
        byte[] b = got.get();
        ByteBuffer h = ByteBuffer.wrap(b);
        if (b.length < 12) {
            throw damaged(seq, "it is " + b.length + " bytes long");
        }
        int crc = h.getInt();
        long stored = h.getLong();
        CRC32C c = new CRC32C();
        c.update(b, 4, b.length - 4);
        if ((int) c.getValue() != crc) {
            throw damaged(seq, "its CRC does not match");
        }
        if (stored != seq) {
            throw damaged(seq, "it holds entry " + stored);
        }
        byte[] payload = new byte[b.length - 12];
        System.arraycopy(b, 12, payload, 0, payload.length);
        return Optional.of(new LogEntry(seq, ChangeCodec.decode(payload)));
    }

    private GalleryException damaged(long seq, String what) {
        return new GalleryException("the gallery log object " + key(prefix, seq) + " is damaged: " + what
                + "; no host applies it (restore it from the bucket's versions)", null);
    }

    static byte[] encode(LogEntry e) {
        byte[] payload = ChangeCodec.encode(e.changes());
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.putInt(0).putLong(e.seq()).put(payload);
        CRC32C c = new CRC32C();
        c.update(b.array(), 4, b.capacity() - 4);
        b.putInt(0, (int) c.getValue());
        return b.array();
    }

    /** Writes the entries in order, each only if its number is free; stops with {@link SeqTaken} at the first that is not. */
    @Override
    public void append(List<LogEntry> entries) throws IOException {
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            if (!objects.putIfAbsent(key(prefix, e.seq()), encode(e))) {
                throw new SeqTaken(e.seq(), i);
            }
            lastSeq = e.seq();
        }
    }

    /** Old entries go when a snapshot covers them ({@link Snapshots}), not at each local commit. */
    @Override
    public void committed(long seq) {
    }

    @Override
    public void close() {
    }
}
