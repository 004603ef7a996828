/**
 * Enrolled subjects and their faces, in named collections, and search of face descriptors
 * against them.
 *
 * <p>On one host (the local profile) a {@link io.facefleet.gallery.Catalog} holds the
 * collections of a data directory. Each {@link io.facefleet.gallery.Collection} keeps its
 * changes in a journal ({@code ChangeLog}, {@code LocalJournal}: framed, CRC-checked, fsynced
 * per group of writes; the acknowledgement) and in a Lucene index ({@code FaceIndex}: HNSW
 * vectors, commits that carry the journal position). One writer thread per collection
 * ({@code GroupCommitter}) plans, journals and applies writes; readers take point-in-time views
 * ({@code FaceView}) and search exactly ({@code ExactSearch}) below a size, or through the graph.
 *
 * <p>On the aws profile every host shares the collections through S3
 * ({@link io.facefleet.gallery.Catalog#openShared}): each collection's log is numbered objects
 * written with a conditional PUT ({@code S3ChangeLog}), which each host's writer also follows by
 * GETting the next number every poll-ms; {@code Snapshots} upload the Lucene commit now and then,
 * and a new host starts from the newest one. The catalogue itself is such a log
 * ({@code S3CatalogBook}).
 *
 * <p>{@link io.facefleet.gallery.Gallery} is the older API the face service, CLI and seed path use:
 * an adapter on the default collection ({@code CollectionGallery}).
 */
package io.facefleet.gallery;
