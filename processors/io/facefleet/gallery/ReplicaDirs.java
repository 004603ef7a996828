package io.facefleet.gallery;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The temporary directories that hold a host's replicas of the shared collections
 * ({@code facefleet-gallery-*} in the machine's temporary directory). Each holds an
 * {@value #LOCK} file its process keeps locked while it lives; the operating system drops the
 * lock when the process dies, even by kill -9. So before making its own, a process deletes
 * every such directory whose lock it can take: those of killed processes, never those of live
 * ones (several processes may share a machine). A directory without the lock file (made by an
 * earlier release) is left alone.
 */
final class ReplicaDirs {

    static final String PREFIX = "facefleet-gallery-";
    static final String LOCK = "owner.lock";
    /** the directories this JVM holds, and the channel of each one's lock: never opened again here (closing it would drop the lock) */
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

    private ReplicaDirs() {
    }

    /** Deletes the stale directories under {@code root}, then makes and locks a new one. */
    static Path create(Path root) throws IOException {
        sweep(root);
        for (int attempt = 1;; attempt++) {
            Path dir = Files.createTempDirectory(root, PREFIX);
            FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            // another process's sweep may have taken the fresh lock file before we did, and deleted the directory
            if (lock != null && Files.exists(dir.resolve(LOCK))) {
                HELD.put(dir, ch);
                return dir;
            }
            ch.close();
            if (attempt == 5) {
                throw new IOException("no replica directory could be made and locked under " + root);
            }
        }
    }

    /** Drops this process's lock on a directory it made (before deleting it). */
    static void release(Path dir) throws IOException {
        FileChannel ch = HELD.remove(dir);
        if (ch != null) {
            ch.close();
        }
    }

    /** Deletes each replica directory under {@code root} whose lock no live process holds; returns how many. */
    static int sweep(Path root) throws IOException {
        int deleted = 0;
        try (Stream<Path> all = Files.list(root)) {
            for (Path dir : all.filter(d -> d.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(d)).toList()) {
                if (!HELD.containsKey(dir) && deleteIfStale(dir)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static boolean deleteIfStale(Path dir) {
        try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return false;
            }
            // held by us now, so nobody else uses it: a killed process's replicas (the bucket has every acknowledged change)
            Catalog.deleteTree(dir);
            System.err.println("gallery: deleted " + dir + ", left by a process that is gone");
            return true;
        } catch (NoSuchFileException e) {
            // no lock file (an earlier release's, or being deleted by another process): leave it
            return false;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            System.err.println("gallery: " + dir + " cannot be checked or deleted: " + e);
            return false;
        }
    }
}
