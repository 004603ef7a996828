package io.facefleet.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Takes a gallery.json of the earlier releases into the default collection, once: its faces
 * keep their ids (so an import cut short by a crash and run again adds nothing twice), and the
 * file is renamed {@code gallery.json.imported} when every face is in the journal.
 */
final class LegacyImport {

    private LegacyImport() {
    }

    static void once(Path legacy, Collection target) throws IOException {
        if (!Files.exists(legacy)) {
            return;
        }
        Map<String, List<Example>> subjects = new GalleryFile(legacy).loadIfChanged().orElse(Map.of());
        for (Map.Entry<String, List<Example>> s : subjects.entrySet()) {
            if (!s.getValue().isEmpty()) {
                target.importFaces(s.getKey(), s.getValue());
            }
        }
        Files.move(legacy, legacy.resolveSibling(legacy.getFileName() + ".imported"), StandardCopyOption.REPLACE_EXISTING);
    }
}
