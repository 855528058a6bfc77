package io.dynamis.core.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.jboss.logging.Logger;
import org.mapdb.DB;
import org.mapdb.DBMaker;

/**
 * Moves a store written by an earlier version (a transactional MapDB file) into a {@link StoreFile}, once,
 * at the first start: the owner copies its maps as of the MapDB file's last commit into a new file that
 * replaces nothing until it is complete and on disk; the old file is then renamed {@code .migrated} and
 * kept for the user to delete. A crash during the move leaves the old file in place and the move starts
 * over at the next start.
 */
public final class LegacyMapDbFile {

    private static final Logger LOG = Logger.getLogger(LegacyMapDbFile.class);

    /** Copies the maps of an earlier version's file into the new one. */
    public interface Copy {
        void copy(DB legacy, StoreFile target);
    }

    private LegacyMapDbFile() {
    }

    /** Moves {@code legacy} into {@code target} when the one exists and the other does not yet. */
    public static void move(Path legacy, Path target, Copy copy) {
        if (Files.exists(target) || !Files.exists(legacy)) {
            return;
        }
        LOG.infof("Moving the store file of an earlier version (%s) into %s", legacy, target);
        Path partial = target.resolveSibling(target.getFileName() + ".moving");
        try {
            Files.deleteIfExists(partial);
            try (DB old = DBMaker.fileDB(legacy.toFile()).fileMmapEnableIfSupported().transactionEnable().make();
                    StoreFile store = StoreFile.open(partial, 16)) {
                copy.copy(old, store);
                store.checkpoint();
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            Path kept = legacy.resolveSibling(legacy.getFileName() + ".migrated");
            Files.move(legacy, kept, StandardCopyOption.REPLACE_EXISTING);
            LOG.infof("Moved; the earlier file is kept as %s", kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + legacy + " into " + target, e);
        }
    }

    /** Copies every entry of a MapDB map into a map of the new file. */
    public static <K, V> void copy(Map<K, V> from, MVMap<K, V> to) {
        from.forEach(to::put);
    }
}
