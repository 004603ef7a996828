package io.facefleet.gallery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;

/**
 * A shared collection's snapshots: a Lucene commit at log entry s, its files uploaded under
 * {@code files/<name>.<checksum>.<length>} (immutable, so each snapshot uploads only the
 * segments the ones kept lack), a manifest {@code snap/<s>.json}, and the small pointer
 * {@code snap/LATEST.json} naming the newest and the entries of the snapshots kept. A new host
 * downloads the files the pointer names and reads the log from s+1 on. When a snapshot is
 * published, the snapshots past the newest snapshots-kept go (their manifests, and the files
 * no kept snapshot names), and so do the log entries every kept snapshot covers: all by
 * computed key, never by listing, so each kept snapshot can still be followed to the present.
 */
final class Snapshots {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Times a restore starts again when the snapshot it reads is deleted under it (newer ones were published meanwhile). */
    private static final int RESTORE_ATTEMPTS = 10;

    record FileRef(String name, String key, long length, long checksum) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Manifest(long seq, List<FileRef> files) {
    }

    /**
     * {@code logFrom}: the first log entry still kept; {@code kept}: the log entries of the
     * snapshots kept, newest first (absent in pointers written before snapshots were deleted).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Latest(long seq, String manifest, long logFrom, List<Long> kept) {
        List<Long> keptOrLatest() {
            return kept == null || kept.isEmpty() ? List.of(seq) : kept;
        }
    }

    /** A snapshot's manifest or file was gone while it was read: newer snapshots replaced it. */
    static final class SnapshotGone extends IOException {
        SnapshotGone(String what) {
            super(what);
        }
    }

    private final GalleryObjects objects;
    private final String prefix;
    private final int kept;
    /** manifests read or written here, by key (a manifest never changes once written) */
    private final Map<String, Manifest> manifests = new HashMap<>();

    Snapshots(GalleryObjects objects, String prefix, int kept) {
        this.objects = objects;
        this.prefix = prefix;
        this.kept = kept;
    }

    private String latestKey() {
        return prefix + "snap/LATEST.json";
    }

    /**
     * The claim to publish the snapshot after snapshot {@code before} (0: the first one):
     * a conditional PUT, so of two hosts that read the same pointer only one replaces it.
     */
    private String successorKey(long before) {
        return prefix + "next/" + String.format("%020d", before) + ".json";
    }

    String manifestKey(long seq) {
        return prefix + "snap/" + String.format("%020d", seq) + ".json";
    }

    Optional<Latest> latest() throws IOException {
        Optional<byte[]> got = objects.get(latestKey());
        return got.isEmpty() ? Optional.empty() : Optional.of(JSON.readValue(got.get(), Latest.class));
    }

    /**
     * Downloads the newest snapshot's files into an empty index directory; returns its log entry
     * (0 when there is no snapshot yet, and the log is read from entry 1). When the snapshot is
     * deleted while it is downloaded (newer ones were published and it fell out of those kept),
     * it empties the directory and starts again from the pointer; a snapshot missing while the
     * pointer still names it is damage, and refused.
     */
    long restore(Directory dir, Path path) throws IOException {
        for (int attempt = 1;; attempt++) {
            Optional<Latest> latest = latest();
            if (latest.isEmpty()) {
                return 0;
            }
            try {
                return download(latest.get(), dir, path);
            } catch (SnapshotGone gone) {
                Optional<Latest> now = latest();
                if (now.isEmpty() || now.get().seq() == latest.get().seq() || attempt == RESTORE_ATTEMPTS) {
                    throw new GalleryException(gone.getMessage(), null);
                }
                System.err.println("gallery: " + gone.getMessage() + " (snapshot " + now.get().seq() + " replaced it): downloading that");
                emptyDirectory(path);
            }
        }
    }

    private long download(Latest latest, Directory dir, Path path) throws IOException {
        byte[] m = objects.get(latest.manifest()).orElseThrow(() -> new SnapshotGone("the gallery snapshot pointer "
                + latestKey() + " names " + latest.manifest() + ", which is missing"));
        Manifest manifest = JSON.readValue(m, Manifest.class);
        for (FileRef f : manifest.files()) {
            if (!objects.getFile(f.key(), path.resolve(f.name()))) {
                throw new SnapshotGone("the gallery snapshot " + latest.manifest() + " names " + f.key() + ", which is missing");
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
        }
        manifests.put(latest.manifest(), manifest);
        return manifest.seq();
    }

    private static void emptyDirectory(Path path) throws IOException {
        try (java.util.stream.Stream<Path> all = Files.list(path)) {
            for (Path p : all.toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Uploads the index's last commit (which holds every entry up to {@code seq}) as a snapshot,
     * points LATEST at it, then deletes the snapshots past the newest snapshots-kept and the log
     * entries every kept one covers. A file is uploaded unless a kept snapshot names it (only
     * those are sure to be in the bucket: the files of older ones are deleted). When another
     * host has published a snapshot meanwhile, this one is withdrawn (the files it counted on
     * may be going). Of hosts that read the same pointer, only the one whose conditional PUT of
     * the claim {@code next/<the pointer's entry>} wins replaces it; the others finish its pointer
     * and withdraw theirs. A failed deletion is logged: it leaves garbage, never a broken snapshot.
     */
    void take(Directory dir, Path path, List<String> commitFiles, long seq) throws IOException {
        Optional<Latest> before = latest();
        Set<String> inBucket = new HashSet<>();
        if (before.isPresent()) {
            for (long s : before.get().keptOrLatest()) {
                manifest(manifestKey(s)).ifPresent(m -> m.files().forEach(f -> inBucket.add(f.key())));
            }
        }
        List<FileRef> files = new ArrayList<>();
        List<String> uploaded = new ArrayList<>();
        for (String name : commitFiles) {
            long length = dir.fileLength(name);
            long checksum;
            try (IndexInput in = dir.openInput(name, IOContext.READONCE)) {
                checksum = CodecUtil.retrieveChecksum(in);
            }
            String key = prefix + "files/" + name + "." + Long.toHexString(checksum) + "." + length;
            if (!inBucket.contains(key)) {
                objects.putFile(key, path.resolve(name));
                uploaded.add(key);
            }
            files.add(new FileRef(name, key, length, checksum));
        }
        String manifest = manifestKey(seq);
        Manifest written = new Manifest(seq, files);
        objects.put(manifest, JSON.writeValueAsBytes(written));
        Optional<Latest> now = latest();
        if (!now.equals(before) || now.isPresent() && now.get().seq() >= seq) {
            // another host published a snapshot while this one uploaded: leave its pointer, withdraw this one
            List<String> withdrawn = new ArrayList<>(uploaded);
            withdrawn.add(manifest);
            deleteQuietly(withdrawn, "the withdrawn snapshot " + manifest);
            return;
        }
        List<Long> keep = new ArrayList<>();
        keep.add(seq);
        List<Long> dropped = new ArrayList<>();
        for (long s : before.map(Latest::keptOrLatest).orElse(List.of())) {
            (keep.size() < kept ? keep : dropped).add(s);
        }
        long logFrom = before.isEmpty() ? 1 : keep.get(keep.size() - 1) + 1;
        Latest ours = new Latest(seq, manifest, logFrom, keep);
        byte[] pointer = JSON.writeValueAsBytes(ours);
        String claim = successorKey(before.map(Latest::seq).orElse(0L));
        if (!objects.putIfAbsent(claim, pointer)) {
            // another host is publishing the successor of the same pointer: finish its pointer (it may have died
            // between its claim and its pointer), withdraw this snapshot
            if (latest().equals(before)) {
                objects.get(claim).ifPresent(theirs -> putQuietly(latestKey(), theirs));
            }
            List<String> withdrawn = new ArrayList<>(uploaded);
            withdrawn.add(manifest);
            deleteQuietly(withdrawn, "the snapshot " + manifest + " another host's claim " + claim + " replaced");
            return;
        }
        manifests.put(manifest, written);
        Optional<Latest> current = latest();
        if (current.equals(before)) {
            objects.put(latestKey(), pointer);
        } else if (!current.equals(Optional.of(ours))) {
            // a host finished our pointer and a later snapshot replaced it since: writing it now would go back in time
            return;
        }
        if (before.isEmpty()) {
            return;
        }
        List<String> old = new ArrayList<>();
        for (long s = before.get().logFrom(); s < logFrom; s++) {
            old.add(S3ChangeLog.key(prefix, s));
        }
        deleteQuietly(old, "the log entries " + before.get().logFrom() + ".." + (logFrom - 1) + " the kept snapshots cover");
        deleteQuietly(unnamedFiles(keep, dropped), "the snapshots before the newest " + kept);
    }

    /** The manifests of the dropped snapshots and the files no kept snapshot names. */
    private List<String> unnamedFiles(List<Long> keep, List<Long> dropped) throws IOException {
        List<String> gone = new ArrayList<>();
        if (dropped.isEmpty()) {
            return gone;
        }
        Set<String> named = new HashSet<>();
        for (long s : keep) {
            Optional<Manifest> m = manifest(manifestKey(s));
            if (m.isEmpty()) {
                // cannot tell which files the kept snapshots share with the old ones: keep them all
                return gone;
            }
            m.get().files().forEach(f -> named.add(f.key()));
        }
        for (long s : dropped) {
            String key = manifestKey(s);
            manifest(key).ifPresent(m -> m.files().stream().map(FileRef::key).filter(k -> !named.contains(k)).forEach(gone::add));
            gone.add(key);
            gone.add(successorKey(s));
            manifests.remove(key);
        }
        return gone;
    }

    private Optional<Manifest> manifest(String key) throws IOException {
        Manifest known = manifests.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<byte[]> got = objects.get(key);
        if (got.isEmpty()) {
            return Optional.empty();
        }
        Manifest m = JSON.readValue(got.get(), Manifest.class);
        manifests.put(key, m);
        return Optional.of(m);
    }

    private void putQuietly(String key, byte[] bytes) {
        try {
            objects.put(key, bytes);
        } catch (IOException | RuntimeException e) {
            // the claim stays: the next host to publish finishes the pointer
            System.err.println("gallery: finishing the pointer " + key + " another host claimed failed: " + e);
        }
    }

    private void deleteQuietly(List<String> keys, String what) {
        if (keys.isEmpty()) {
            return;
        }
        try {
            objects.delete(keys);
        } catch (IOException | RuntimeException e) {
            // garbage left in the bucket, nothing a host reads: the next snapshot does not retry it
            System.err.println("gallery: deleting " + what + " (" + keys.size() + " objects) failed: " + e);
        }
    }
}
