package io.facefleet.gallery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;

/**
 * A shared collection's snapshots: a Lucene commit at log entry s, its files uploaded under
 * {@code files/<name>.<checksum>.<length>} (immutable, so each snapshot uploads only the
 * segments the one before lacked), a manifest {@code snap/<s>.json}, and the small pointer
 * {@code snap/LATEST.json} naming the newest. A new host downloads the files the pointer names
 * and reads the log from s+1 on. When a snapshot is written, the log entries the one before it
 * covered are deleted by computed key (no listing): the log keeps what follows the second newest.
 */
final class Snapshots {

    private static final ObjectMapper JSON = new ObjectMapper();

    record FileRef(String name, String key, long length, long checksum) {
    }

    record Manifest(long seq, List<FileRef> files) {
    }

    /** {@code logFrom}: the first log entry still kept. */
    record Latest(long seq, String manifest, long logFrom) {
    }

    private final GalleryObjects objects;
    private final String prefix;
    /** file keys known to be in the bucket (uploaded or downloaded by this host) */
    private final Set<String> stored = new HashSet<>();

    Snapshots(GalleryObjects objects, String prefix) {
        this.objects = objects;
        this.prefix = prefix;
    }

    private String latestKey() {
        return prefix + "snap/LATEST.json";
    }

    Optional<Latest> latest() throws IOException {
        Optional<byte[]> got = objects.get(latestKey());
        return got.isEmpty() ? Optional.empty() : Optional.of(JSON.readValue(got.get(), Latest.class));
    }

    /**
     * Downloads the newest snapshot's files into an empty index directory; returns its log entry
     * (0 when there is no snapshot yet, and the log is read from entry 1).
     */
    long restore(Directory dir, Path path) throws IOException {
        Optional<Latest> latest = latest();
        if (latest.isEmpty()) {
            return 0;
        }
        byte[] m = objects.get(latest.get().manifest()).orElseThrow(() -> new GalleryException("the gallery snapshot pointer "
                + latestKey() + " names " + latest.get().manifest() + ", which is missing", null));
        Manifest manifest = JSON.readValue(m, Manifest.class);
        for (FileRef f : manifest.files()) {
            if (!objects.getFile(f.key(), path.resolve(f.name()))) {
                throw new GalleryException("the gallery snapshot " + latest.get().manifest() + " names " + f.key() + ", which is missing", null);
            }
            long length = Files.size(path.resolve(f.name()));
            long checksum;
            try (IndexInput in = dir.openInput(f.name(), IOContext.READONCE)) {
                checksum = CodecUtil.checksumEntireFile(in);
            }
            if (length != f.length() || checksum != f.checksum()) {
                throw new GalleryException("the gallery snapshot file " + f.key() + " is damaged (length " + length + ", checksum "
                        + Long.toHexString(checksum) + ")", null);
            }
            stored.add(f.key());
        }
        return manifest.seq();
    }

    /**
     * Uploads the index's last commit (which holds every entry up to {@code seq}) as a snapshot,
     * points LATEST at it, and deletes the log entries the previous snapshot covered.
     */
    void take(Directory dir, Path path, List<String> commitFiles, long seq) throws IOException {
        List<FileRef> files = new ArrayList<>();
        for (String name : commitFiles) {
            long length = dir.fileLength(name);
            long checksum;
            try (IndexInput in = dir.openInput(name, IOContext.READONCE)) {
                checksum = CodecUtil.retrieveChecksum(in);
            }
            String key = prefix + "files/" + name + "." + Long.toHexString(checksum) + "." + length;
            if (!stored.contains(key)) {
                objects.putFile(key, path.resolve(name));
                stored.add(key);
            }
            files.add(new FileRef(name, key, length, checksum));
        }
        String manifest = prefix + "snap/" + String.format("%020d", seq) + ".json";
        objects.put(manifest, JSON.writeValueAsBytes(new Manifest(seq, files)));
        Optional<Latest> before = latest();
        if (before.isPresent() && before.get().seq() >= seq) {
            // another host has pointed LATEST at a snapshot as new: leave it
            return;
        }
        long logFrom = before.map(b -> b.seq() + 1).orElse(1L);
        objects.put(latestKey(), JSON.writeValueAsBytes(new Latest(seq, manifest, logFrom)));
        if (before.isPresent()) {
            List<String> old = new ArrayList<>();
            for (long s = before.get().logFrom(); s <= before.get().seq(); s++) {
                old.add(S3ChangeLog.key(prefix, s));
            }
            objects.delete(old);
        }
    }
}
