package io.dynamis.item.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The redo log sealed for a background checkpoint: a restart replays the sealed part, then the rest, in order. */
class RedoLogTest {

    @TempDir
    Path dir;

    @Test
    void aSealedLogIsReplayedBeforeTheNewOneAndGoesAwayOnceDeleted() {
        Path file = dir.resolve("shard-0.redo");
        Path sealed = dir.resolve("shard-0.redo.sealed");
        try (RedoLog log = new RedoLog(file)) {
            log.record((byte) 1, new byte[] {1}, new byte[] {10});
            log.flush();
            log.seal(sealed);
            assertEquals(0, log.size(), "the new log starts empty");
            log.record((byte) 1, new byte[] {1}, new byte[] {11});
            log.record((byte) 2, new byte[] {2}, null);
            log.flush();
        }
        List<String> replayed = new ArrayList<>();
        RedoLog.Operations operations = (type, key, value) ->
                replayed.add(type + ":" + key[0] + "=" + (value == null ? "-" : value[0]));
        assertEquals(1, RedoLog.replaySealed(sealed, operations));
        try (RedoLog log = new RedoLog(file)) {
            assertEquals(1, log.replay(operations));
        }
        assertEquals(List.of("1:1=10", "1:1=11", "2:2=-"), replayed);
        RedoLog.deleteSealed(sealed);
        assertFalse(Files.exists(sealed));
        assertEquals(0, RedoLog.replaySealed(sealed, operations), "no sealed log: nothing to replay");
    }
}
