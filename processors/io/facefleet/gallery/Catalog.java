package io.facefleet.gallery;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The named collections of a data directory ({@code <dataDir>/gallery/}): create, list,
 * describe, delete, and the open {@link Collection} of a name (opened on first use). The
 * collection {@value #DEFAULT} always exists and cannot be deleted; a legacy
 * {@code gallery.json} is imported into it once.
 */
public final class Catalog implements Closeable {

    public static final String DEFAULT = "default";

    private final Path root;
    private final GallerySettings settings;
    private final CatalogBook book;
    private final Map<String, CatalogFile.Entry> entries = new HashMap<>();
    private final Map<String, Collection> open = new HashMap<>();
    /** a cache directory this catalogue made and deletes on close (shared catalogues) */
    private final boolean ownsDir;

    private Catalog(Path dataDir, GallerySettings settings, CatalogBook book, boolean ownsDir) throws IOException {
        this.root = dataDir.resolve("gallery");
        this.settings = settings;
        this.book = book;
        this.ownsDir = ownsDir;
        sync();
        if (!entries.containsKey(DEFAULT)) {
            add(DEFAULT);
        }
        removeOrphans();
    }

    /** Opens the catalogue of a data directory; close it to commit every collection (see {@link Catalogs} for the shared one). */
    public static Catalog open(Path dataDir, GallerySettings settings) {
        try {
            Catalog c = new Catalog(dataDir, settings, new LocalCatalogBook(dataDir.resolve("gallery").resolve("catalog.json")), false);
            LegacyImport.once(dataDir.resolve("gallery").resolve("gallery.json"), c.collection(DEFAULT));
            return c;
        } catch (IOException e) {
            throw new GalleryException("the gallery in " + dataDir + " cannot be opened: " + e, e);
        }
    }

    /**
     * Opens the catalogue every host shares through {@code objects} (the aws profile). Each
     * collection's index is a replica in a fresh temporary directory of this process, made from
     * the newest snapshot and the log after it, and deleted on close; those of killed processes
     * are deleted first ({@link ReplicaDirs}).
     */
    public static Catalog openShared(GalleryObjects objects, GallerySettings settings, SharedLogSettings shared) {
        Path cache = null;
        try {
            cache = ReplicaDirs.create(Path.of(System.getProperty("java.io.tmpdir")));
            Catalog c = new Catalog(cache, settings, new S3CatalogBook(objects, shared), true);
            S3LegacyImport.once(objects, c.collection(DEFAULT));
            return c;
        } catch (IOException e) {
            if (cache != null) {
                try {
                    ReplicaDirs.release(cache);
                    deleteTree(cache);
                } catch (IOException ignored) {
                    // the open failure is what gets reported
                }
            }
            throw new GalleryException("the shared gallery cannot be opened: " + e, e);
        }
    }

    /** Takes in the book's entries; closes the collections another host has deleted. */
    private void sync() throws IOException {
        Map<String, CatalogFile.Entry> now = new HashMap<>();
        book.entries().forEach(e -> now.put(e.name(), e));
        for (String name : List.copyOf(open.keySet())) {
            CatalogFile.Entry e = now.get(name);
            if (e == null || !e.dir().equals(entries.get(name).dir())) {
                Collection gone = open.remove(name);
                gone.closeWithoutCommit();
                deleteTree(root.resolve("c").resolve(entries.get(name).dir()));
            }
        }
        entries.clear();
        entries.putAll(now);
    }

    /** Other hosts' creations and deletions, looked at most once per poll-ms ({@code now}: at once). */
    private void refresh(boolean now) {
        try {
            if (book.refresh(now)) {
                sync();
            }
        } catch (IOException e) {
            // the shared catalogue out of reach: answer from what is known
            System.err.println("gallery: the catalogue cannot be refreshed: " + e);
        }
    }

    public GallerySettings settings() {
        return settings;
    }

    /** Creates an empty collection; 409 when it exists or the catalogue is full, 400 for a bad name. */
    public synchronized CollectionInfo create(String name) {
        Names.check("a collection name", name, settings.maxNameLength());
        refresh(false);
        if (entries.containsKey(name)) {
            throw GalleryRefusal.conflict("a collection named " + name + " exists already");
        }
        if (entries.size() >= settings.maxCollections()) {
            throw GalleryRefusal.conflict("there are " + entries.size() + " collections, the most this service holds"
                    + " (facefleet.gallery.max-collections); delete one first");
        }
        boolean added;
        try {
            added = add(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!added) {
            throw GalleryRefusal.conflict("a collection named " + name + " exists already");
        }
        return describe(name);
    }

    /** False when another host created the name first. */
    private boolean add(String name) throws IOException {
        CatalogFile.Entry e = new CatalogFile.Entry(name, UUID.randomUUID().toString(), System.currentTimeMillis());
        Files.createDirectories(root.resolve("c").resolve(e.dir()));
        boolean added = book.add(e);
        sync();
        return added;
    }

    /** Every collection, by name, with its counts. */
    public synchronized List<CollectionInfo> list() {
        refresh(false);
        List<CollectionInfo> out = new ArrayList<>();
        entries.keySet().stream().sorted().forEach(n -> out.add(describe(n)));
        return out;
    }

    public synchronized CollectionInfo describe(String name) {
        return collection(name).describe(entry(name).createdAtMillis());
    }

    /** Deletes a collection and its faces; 404 when unknown, 409 for the default one. */
    public synchronized void delete(String name) {
        if (DEFAULT.equals(name)) {
            throw GalleryRefusal.conflict("the default collection cannot be deleted (delete its subjects instead)");
        }
        CatalogFile.Entry e = entry(name);
        try {
            if (!book.remove(name)) {
                sync();
                throw GalleryRefusal.notFound("no collection named " + name);
            }
            Collection c = open.remove(name);
            if (c != null) {
                c.close();
            }
            entries.remove(name);
            deleteTree(root.resolve("c").resolve(e.dir()));
            book.dropData(e);
            sync();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** The open collection of a name; 404 when there is none. */
    public synchronized Collection collection(String name) {
        CatalogFile.Entry e = entry(name);
        return open.computeIfAbsent(name, n -> book.open(e, root.resolve("c").resolve(e.dir()), settings));
    }

    /** The old gallery API on a collection. */
    public Gallery gallery(String name, float threshold) {
        return new CollectionGallery(this, collection(name), threshold);
    }

    public synchronized Optional<Collection> find(String name) {
        refresh(false);
        if (!entries.containsKey(name)) {
            refresh(true);
        }
        return entries.containsKey(name) ? Optional.of(collection(name)) : Optional.empty();
    }

    private CatalogFile.Entry entry(String name) {
        refresh(false);
        if (name != null && !entries.containsKey(name)) {
            // perhaps created on another host within the last poll
            refresh(true);
        }
        CatalogFile.Entry e = name == null ? null : entries.get(name);
        if (e == null) {
            throw GalleryRefusal.notFound("no collection named " + name);
        }
        return e;
    }

    /** Directories a crash left behind between deleting a collection from the catalogue and deleting its files. */
    private void removeOrphans() throws IOException {
        Path dirs = root.resolve("c");
        if (!Files.isDirectory(dirs)) {
            return;
        }
        List<String> known = entries.values().stream().map(CatalogFile.Entry::dir).toList();
        try (Stream<Path> all = Files.list(dirs)) {
            for (Path d : all.toList()) {
                if (!known.contains(d.getFileName().toString())) {
                    deleteTree(d);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Commits every open collection (a JVM that stops then opens them again without a replay). */
    public synchronized void commit() {
        open.values().forEach(Collection::commit);
    }

    /** Closes every open collection as a killed process would: no commit (tests of recovery). */
    synchronized void closeWithoutCommit() throws IOException {
        for (Collection c : open.values()) {
            c.closeWithoutCommit();
        }
        open.clear();
    }

    /** Commits and closes every open collection. */
    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (Collection c : open.values()) {
            try {
                c.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (ownsDir) {
            ReplicaDirs.release(root.getParent());
            deleteTree(root.getParent());
        }
        if (first != null) {
            throw first;
        }
    }
}
