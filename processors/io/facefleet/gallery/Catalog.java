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
    private final CatalogFile file;
    private final Map<String, CatalogFile.Entry> entries = new HashMap<>();
    private final Map<String, Collection> open = new HashMap<>();

    private Catalog(Path dataDir, GallerySettings settings) throws IOException {
        this.root = dataDir.resolve("gallery");
        this.settings = settings;
        this.file = new CatalogFile(root.resolve("catalog.json"));
        for (CatalogFile.Entry e : file.read()) {
            entries.put(e.name(), e);
        }
        if (!entries.containsKey(DEFAULT)) {
            add(DEFAULT);
        }
        removeOrphans();
    }

    /** Opens the catalogue of a data directory; close it to commit every collection (see {@link Catalogs} for the shared one). */
    public static Catalog open(Path dataDir, GallerySettings settings) {
        try {
            Catalog c = new Catalog(dataDir, settings);
            LegacyImport.once(dataDir.resolve("gallery").resolve("gallery.json"), c.collection(DEFAULT));
            return c;
        } catch (IOException e) {
            throw new GalleryException("the gallery in " + dataDir + " cannot be opened: " + e, e);
        }
    }

    public GallerySettings settings() {
        return settings;
    }

    /** Creates an empty collection; 409 when it exists or the catalogue is full, 400 for a bad name. */
    public synchronized CollectionInfo create(String name) {
        Names.check("a collection name", name, settings.maxNameLength());
        if (entries.containsKey(name)) {
            throw GalleryRefusal.conflict("a collection named " + name + " exists already");
        }
        if (entries.size() >= settings.maxCollections()) {
            throw GalleryRefusal.conflict("there are " + entries.size() + " collections, the most this service holds"
                    + " (facefleet.gallery.max-collections); delete one first");
        }
        try {
            add(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return describe(name);
    }

    private void add(String name) throws IOException {
        CatalogFile.Entry e = new CatalogFile.Entry(name, UUID.randomUUID().toString(), System.currentTimeMillis());
        Files.createDirectories(root.resolve("c").resolve(e.dir()));
        entries.put(name, e);
        try {
            file.write(List.copyOf(entries.values()));
        } catch (IOException x) {
            entries.remove(name);
            throw x;
        }
    }

    /** Every collection, by name, with its counts. */
    public synchronized List<CollectionInfo> list() {
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
            Collection c = open.remove(name);
            if (c != null) {
                c.close();
            }
            entries.remove(name);
            file.write(List.copyOf(entries.values()));
            deleteTree(root.resolve("c").resolve(e.dir()));
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** The open collection of a name; 404 when there is none. */
    public synchronized Collection collection(String name) {
        CatalogFile.Entry e = entry(name);
        return open.computeIfAbsent(name, n -> Collection.open(n, root.resolve("c").resolve(e.dir()), settings));
    }

    /** The old gallery API on a collection. */
    public Gallery gallery(String name, float threshold) {
        return new CollectionGallery(this, collection(name), threshold);
    }

    public synchronized Optional<Collection> find(String name) {
        return entries.containsKey(name) ? Optional.of(collection(name)) : Optional.empty();
    }

    private CatalogFile.Entry entry(String name) {
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

    private static void deleteTree(Path dir) throws IOException {
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
        if (first != null) {
            throw first;
        }
    }
}
