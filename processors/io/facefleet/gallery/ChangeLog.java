package io.facefleet.gallery;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ordered, durable record of a collection's changes: the truth the Lucene index is rebuilt
 * from. On one host an append-only file journal ({@link LocalJournal}), which has one writer; on
 * the aws profile numbered objects in S3 ({@link S3ChangeLog}), which every host appends to and
 * follows. Sequence numbers are dense: each entry's is the previous one's plus one.
 */
interface ChangeLog extends Closeable {

    /**
     * Called once, before any append: hands every retained entry after {@code afterSeq} to
     * {@code apply} in order, and returns the last sequence number the log holds (or
     * {@code afterSeq} when it holds none after it).
     */
    long replay(long afterSeq, Consumer<LogEntry> apply) throws IOException;

    /** Writes entries (numbered on from the last) and returns once they are durable: that is the acknowledgement. */
    void append(List<LogEntry> entries) throws IOException;

    /** The index has committed every entry up to {@code seq}: the log may forget them. */
    void committed(long seq) throws IOException;

    /** True when other processes append too: the writer then follows the log with {@link #read}. */
    default boolean shared() {
        return false;
    }

    /** The entry at {@code seq}, or empty when nobody has written it yet (shared logs only). */
    default Optional<LogEntry> read(long seq) throws IOException {
        return Optional.empty();
    }

    /**
     * Thrown by {@link #append} on a shared log when another writer already holds a sequence
     * number: the entries before it were written (and are durable), the rest were not.
     */
    final class SeqTaken extends IOException {
        final int written;

        SeqTaken(long seq, int written) {
            super("log entry " + seq + " was written by another host first");
            this.written = written;
        }
    }
}
