package io.dynamis.item.shard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardMembershipTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartRecordsTheShardAndTheCount() throws Exception {
        ShardMembership.check(dir, 1, 2, false);
        String recorded = Files.readString(dir.resolve(ShardMembership.FILE));
        assertTrue(recorded.contains("shard=1") && recorded.contains("shards=2") && recorded.contains("slots=4096"), recorded);
        assertDoesNotThrow(() -> ShardMembership.check(dir, 1, 2, true));
    }

    @Test
    void aRestartWithAnotherShardCountIsRefusedWithTheWayOut() {
        ShardMembership.check(dir, 0, 2, false);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ShardMembership.check(dir, 0, 3, true));
        assertTrue(refused.getMessage().contains("holds shard 0 of a cluster of 2 item-service shard(s), but this process was"
                + " started as shard 0 of 3"), refused.getMessage());
        assertTrue(refused.getMessage().contains("DYNAMIS_ITEM_SHARDS=2"), refused.getMessage());
        assertTrue(refused.getMessage().contains("docs/operations.md"), refused.getMessage());
    }

    @Test
    void aDataFolderStartedAsAnotherShardIsRefused() {
        ShardMembership.check(dir, 1, 2, false);
        assertThrows(IllegalStateException.class, () -> ShardMembership.check(dir, 0, 2, true));
    }

    @Test
    void aDataFolderMadeBeforeShardsWithTablesIsShardZeroOfOne() {
        assertThrows(IllegalStateException.class, () -> ShardMembership.check(dir, 0, 2, true));
        assertDoesNotThrow(() -> ShardMembership.check(dir, 0, 1, true));
    }

    @Test
    void aShardNumberOutsideTheCountIsRefused() {
        assertThrows(IllegalStateException.class, () -> ShardMembership.check(dir, 2, 2, false));
    }
}
