package io.dynamis.item.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.TableDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What brings a checkpoint forward besides the clock and the redo log: the changed pages held in memory. */
class CheckpointTriggerTest {

    private static final long HOUR_MILLIS = 3_600_000;
    private static final int PUTS = 3_000;
    private static final int PAYLOAD = 400;
    /** What the redo log holds at least when no checkpoint has started a new one: every put's payload. */
    private static final long ALL_PAYLOADS = (long) PUTS * PAYLOAD;

    @Test
    void changedPagesPastTheSettingBringACheckpointForward(@TempDir Path dir) throws Exception {
        try (TestStores.Open open = TestStores.Open.at(TestStores.config(dir, 64, HOUR_MILLIS, Long.MAX_VALUE, 1))) {
            putMany(open);
            long redo = Files.size(dir.resolve("shard-0.redo"));
            assertTrue(redo < ALL_PAYLOADS, "a checkpoint every MB of changed pages started a new redo log: " + redo + " bytes");
        }
    }

    @Test
    void changedPagesBelowTheSettingWaitForTheNextCheckpoint(@TempDir Path dir) throws Exception {
        try (TestStores.Open open = TestStores.Open.at(TestStores.config(dir, 64, HOUR_MILLIS, Long.MAX_VALUE, 64))) {
            putMany(open);
            assertTrue(open.store().file().unsavedBytes() >= 1 << 20,
                    "no checkpoint before 64 MB: " + open.store().file().unsavedBytes() + " bytes unsaved");
            assertTrue(Files.size(dir.resolve("shard-0.redo")) > ALL_PAYLOADS, "the redo log holds every put");
        }
    }

    private static void putMany(TestStores.Open open) throws Exception {
        TableDefinition table = TestStores.table(1);
        String payload = "x".repeat(PAYLOAD);
        for (int i = 0; i < PUTS; i++) {
            String pk = "k-" + i;
            open.put(table, pk, TestStores.item(pk, Map.of("payload", new AttributeValue.Str(payload))));
        }
    }
}
