package io.facefleet.gallery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The collections every host shares (aws profile): a log of creations and deletions at
 * {@code catalog/log/<n>.json}, written with the same conditional PUT as a collection's log, and
 * every {@value #STATE_EVERY} entries the whole list at {@code catalog/state.json} (with its
 * entry number), so a new host reads the state and the few entries after it. Each collection's
 * objects are under {@code c/<its uuid>/}.
 */
final class S3CatalogBook implements CatalogBook {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STATE_EVERY = 20;
    private static final String STATE = "catalog/state.json";

    /** One catalogue log entry: op is "create" or "delete". */
    record Op(String op, CatalogFile.Entry collection) {
    }

    /** The catalogue as of log entry {@code seq}. */
    record State(long seq, List<CatalogFile.Entry> collections) {
    }

    private final GalleryObjects objects;
    private final SharedLogSettings shared;
    private final Map<String, CatalogFile.Entry> entries = new LinkedHashMap<>();
    private long seq;
    private long lastLook;

    S3CatalogBook(GalleryObjects objects, SharedLogSettings shared) throws IOException {
        this.objects = objects;
        this.shared = shared;
        Optional<byte[]> state = objects.get(STATE);
        if (state.isPresent()) {
            State s = JSON.readValue(state.get(), State.class);
            seq = s.seq();
            s.collections().forEach(e -> entries.put(e.name(), e));
        }
        follow();
    }

    private static String key(long seq) {
        return "catalog/log/" + String.format("%020d", seq) + ".json";
    }

    static String prefixOf(CatalogFile.Entry e) {
        return "c/" + e.dir() + "/";
    }

    private boolean follow() throws IOException {
        lastLook = System.nanoTime();
        boolean any = false;
        for (Optional<byte[]> got = objects.get(key(seq + 1)); got.isPresent(); got = objects.get(key(seq + 1))) {
            apply(JSON.readValue(got.get(), Op.class));
            seq++;
            any = true;
        }
        return any;
    }

    private void apply(Op op) {
        if ("create".equals(op.op())) {
            entries.putIfAbsent(op.collection().name(), op.collection());
        } else if (entries.containsKey(op.collection().name()) && entries.get(op.collection().name()).dir().equals(op.collection().dir())) {
            entries.remove(op.collection().name());
        }
    }

    /** Writes the op at the next number, following the others' entries until it wins one; false when {@code stillDue} says no more. */
    private boolean write(Op op, java.util.function.BooleanSupplier stillDue) throws IOException {
        while (true) {
            follow();
            if (!stillDue.getAsBoolean()) {
                return false;
            }
            if (objects.putIfAbsent(key(seq + 1), JSON.writeValueAsBytes(op))) {
                apply(op);
                seq++;
                if (seq % STATE_EVERY == 0) {
                    objects.put(STATE, JSON.writeValueAsBytes(new State(seq, List.copyOf(entries.values()))));
                }
                return true;
            }
        }
    }

    @Override
    public synchronized List<CatalogFile.Entry> entries() {
        return List.copyOf(entries.values());
    }

    @Override
    public synchronized boolean add(CatalogFile.Entry e) throws IOException {
        return write(new Op("create", e), () -> !entries.containsKey(e.name()));
    }

    @Override
    public synchronized boolean remove(String name) throws IOException {
        CatalogFile.Entry e = entries.get(name);
        return e != null && write(new Op("delete", e), () -> e.equals(entries.get(name)));
    }

    @Override
    public synchronized boolean refresh(boolean now) throws IOException {
        if (!now && System.nanoTime() - lastLook < shared.pollMs() * 1_000_000L) {
            return false;
        }
        return follow();
    }

    @Override
    public Collection open(CatalogFile.Entry e, Path dir, GallerySettings settings) {
        return Collection.openShared(e.name(), dir, settings, objects, prefixOf(e), shared);
    }

    /** The deleted collection's log, snapshots and files: listed once here, the only listing the gallery does. */
    @Override
    public void dropData(CatalogFile.Entry e) throws IOException {
        List<String> keys = new ArrayList<>(objects.list(prefixOf(e)));
        objects.delete(keys);
    }
}
