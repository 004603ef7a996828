package io.facefleet.gallery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a {@link Catalog} records its collections, and how it opens one: a file on one host
 * ({@link LocalCatalogBook}), or a log of creations and deletions in S3 that every host follows
 * ({@link S3CatalogBook}).
 */
interface CatalogBook {

    /** Every collection known now. */
    List<CatalogFile.Entry> entries();

    /** Records a new collection; false when one of that name exists (another host's included). */
    boolean add(CatalogFile.Entry e) throws IOException;

    /** Records a deletion; false when there was no such collection. */
    boolean remove(String name) throws IOException;

    /** Takes in other hosts' changes ({@code now}: even if the last look was within poll-ms); true when there were any. */
    boolean refresh(boolean now) throws IOException;

    /** Opens a collection whose local directory (or cache) is {@code dir}. */
    Collection open(CatalogFile.Entry e, Path dir, GallerySettings settings);

    /** After {@link #remove}: drops the collection's shared data (nothing on one host, whose directory the catalogue deletes). */
    void dropData(CatalogFile.Entry e) throws IOException;
}
