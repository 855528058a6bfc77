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

    @Test
    void zerosAreWrittenAheadOfTheRecordsAndAReplayEndsAtThem() throws Exception {
        Path file = dir.resolve("shard-0.redo");
        long records;
        try (RedoLog log = new RedoLog(file)) {
            log.record((byte) 1, new byte[] {1}, new byte[] {10});
            log.flush();
            long first = log.size();
            assertEquals(first + RedoLog.PREALLOCATION_BYTES, Files.size(file), "the first record brings zeros ahead");
            log.record((byte) 1, new byte[] {2}, new byte[] {20});
            log.flush();
            records = log.size();
            assertEquals(first + RedoLog.PREALLOCATION_BYTES, Files.size(file), "the next one overwrites them");
            log.record((byte) 1, new byte[] {3}, new byte[RedoLog.PREALLOCATION_BYTES]);
            log.flush();
            assertEquals(log.size() + RedoLog.PREALLOCATION_BYTES, Files.size(file),
                    "a record past the zeros brings more");
            records = log.size();
        }
        List<String> replayed = new ArrayList<>();
        try (RedoLog log = new RedoLog(file)) {
            assertEquals(3, log.replay((type, key, value) -> replayed.add(key[0] + ":" + value.length)));
            assertEquals(records, log.size());
            assertEquals(records, Files.size(file), "the replay drops the zeros");
            log.record((byte) 1, new byte[] {4}, new byte[] {40});
            log.flush();
        }
        assertEquals(List.of("1:1", "2:1", "3:" + RedoLog.PREALLOCATION_BYTES), replayed);
        replayed.clear();
        try (RedoLog log = new RedoLog(file)) {
            assertEquals(4, log.replay((type, key, value) -> replayed.add(key[0] + ":" + value.length)));
        }
        assertEquals(List.of("1:1", "2:1", "3:" + RedoLog.PREALLOCATION_BYTES, "4:1"), replayed);
    }
}
