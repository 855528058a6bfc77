package io.dynamis.backup.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShardPageTest {

    private static final List<String> SHARDS = List.of(
            "shardId-00000001700000000000-00000000",
            "shardId-00000001700000000000-00000001",
            "shardId-00000001700000001000-00000000",
            "shardId-00000001700000002000-00000000",
            "shardId-00000001700000003000-00000000");

    @Test
    void withoutAStartEveryShardComesInOrderUpToTheLimit() {
        ShardPage page = ShardPage.of(SHARDS, null, 100);
        assertEquals(SHARDS, page.shardIds());
        assertNull(page.lastEvaluatedShardId(), "nothing remains");
    }

    @Test
    void pagesFollowEachOtherWithoutGapOrRepeat() {
        ShardPage first = ShardPage.of(SHARDS, null, 2);
        assertEquals(SHARDS.subList(0, 2), first.shardIds());
        assertEquals(SHARDS.get(1), first.lastEvaluatedShardId());
        ShardPage second = ShardPage.of(SHARDS, first.lastEvaluatedShardId(), 2);
        assertEquals(SHARDS.subList(2, 4), second.shardIds());
        ShardPage third = ShardPage.of(SHARDS, second.lastEvaluatedShardId(), 2);
        assertEquals(SHARDS.subList(4, 5), third.shardIds());
        assertNull(third.lastEvaluatedShardId());
    }

    @Test
    void aFullLastPageHasNoLastEvaluatedShardId() {
        ShardPage page = ShardPage.of(SHARDS, SHARDS.get(2), 2);
        assertEquals(SHARDS.subList(3, 5), page.shardIds());
        assertNull(page.lastEvaluatedShardId());
    }

    @Test
    void startingAtTheLastShardGivesNone() {
        ShardPage page = ShardPage.of(SHARDS, SHARDS.get(4), 100);
        assertEquals(List.of(), page.shardIds());
        assertNull(page.lastEvaluatedShardId());
    }

    @Test
    void aStartThatIsNoShardOfTheStreamIsAPlaceInTheOrder() {
        assertEquals(SHARDS.subList(2, 5), ShardPage.of(SHARDS, "shardId-00000001700000000500-00000000", 100).shardIds());
        assertEquals(SHARDS, ShardPage.of(SHARDS, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 100).shardIds());
        assertEquals(List.of(), ShardPage.of(SHARDS, "zzzzzzzzzzzzzzzzzzzzzzzzsfasdgagadfadfgagkjsdfsfsdj", 100).shardIds());
    }
}
