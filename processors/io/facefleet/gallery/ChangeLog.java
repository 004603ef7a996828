package io.facefleet.gallery;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ordered, durable record of a collection's changes: the truth the Lucene index is rebuilt
 * from. On one host an append-only file journal ({@link LocalJournal}); an S3 log of numbered
 * objects can implement the same contract later. Sequence numbers are dense: each entry's is the
 * previous one's plus one.
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
}
