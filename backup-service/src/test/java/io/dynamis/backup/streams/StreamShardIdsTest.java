package io.dynamis.backup.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamis.core.table.StreamHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamShardIdsTest {

    private static StreamCatalog.Stream stream(long enabledMillis, int shards) {
        StreamHistory.Stream period = new StreamHistory.Stream(StreamHistory.label(enabledMillis), enabledMillis,
                "KEYS_ONLY", 0);
        return new StreamCatalog.Stream("arn", period, null, null, shards);
    }

    @Test
    void oneShardPerItemServiceShardWithStableIdsInShardOrder() {
        StreamCatalog.Stream stream = stream(1_700_000_000_123L, 3);
        assertEquals(List.of("shardId-00000001700000000123-00000000", "shardId-00000001700000000123-00000001",
                "shardId-00000001700000000123-00000002"), stream.shardIds());
        assertEquals(stream.shardIds(), stream(1_700_000_000_123L, 3).shardIds(), "the same ids every time");
        for (int shard = 0; shard < 3; shard++) {
            assertEquals(shard, stream.shardOf(stream.shardId(shard)));
        }
        assertEquals(-1, stream.shardOf("shardId-00000001700000000123-00000003"));
        assertEquals(-1, stream(1_700_000_000_124L, 3).shardOf(stream.shardId(0)), "another stream's shard");
    }

    @Test
    void withOneItemServiceShardTheOneShardKeepsItsId() {
        assertEquals(List.of("shardId-00000001700000000123-00000000"), stream(1_700_000_000_123L, 1).shardIds());
    }
}
