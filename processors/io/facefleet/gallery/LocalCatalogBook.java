package io.facefleet.gallery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The collections of one host's data directory, in {@link CatalogFile} (rewritten on create and delete). */
final class LocalCatalogBook implements CatalogBook {

    private final CatalogFile file;
    private final List<CatalogFile.Entry> entries;

    LocalCatalogBook(Path file) {
        this.file = new CatalogFile(file);
        this.entries = this.file.read();
    }

    @Override
    public List<CatalogFile.Entry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public boolean add(CatalogFile.Entry e) throws IOException {
        if (entries.stream().anyMatch(x -> x.name().equals(e.name()))) {
            return false;
        }
        List<CatalogFile.Entry> next = new ArrayList<>(entries);
        next.add(e);
        file.write(next);
        entries.add(e);
        return true;
    }

    @Override
    public boolean remove(String name) throws IOException {
        List<CatalogFile.Entry> next = new ArrayList<>(entries);
        if (!next.removeIf(x -> x.name().equals(name))) {
            return false;
        }
        file.write(next);
        entries.removeIf(x -> x.name().equals(name));
        return true;
    }

    @Override
    public boolean refresh(boolean now) {
        return false;
    }

    @Override
    public Collection open(CatalogFile.Entry e, Path dir, GallerySettings settings) {
        return Collection.open(e.name(), dir, settings);
    }

    @Override
    public void dropData(CatalogFile.Entry e) {
    }
}
