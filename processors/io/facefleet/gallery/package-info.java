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
 * {@link io.facefleet.gallery.Gallery} is the older API the face service, CLI and seed path use:
 * on one host an adapter on the default collection ({@code CollectionGallery}); on the aws
 * profile the shared gallery in S3 ({@code MemoryGallery} over {@code SharedGallery}).
 */
package io.facefleet.gallery;
