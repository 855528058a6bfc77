package io.dynamis.core.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.model.AttributeValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotMapTest {

    @Test
    void aSlotIsSixteenConsecutivePartitionHashes() {
        assertEquals(4096, SlotMap.SLOTS);
        assertEquals(0, SlotMap.slotOfHash(0));
        assertEquals(0, SlotMap.slotOfHash(15));
        assertEquals(1, SlotMap.slotOfHash(16));
        assertEquals(4095, SlotMap.slotOfHash(65535));
    }

    @Test
    void oneShardHoldsEverySlot() {
        SlotMap map = SlotMap.contiguous(1);
        assertEquals(List.of(new SlotMap.Run(0, 0, 65536)), map.runs());
        assertEquals(0, map.shardOf(AttributeValue.s("anything")));
    }

    @Test
    void shardsHoldContiguousEqualRangesOfSlots() {
        SlotMap map = SlotMap.contiguous(2);
        assertEquals(List.of(new SlotMap.Run(0, 0, 32768), new SlotMap.Run(1, 32768, 65536)), map.runs());
        assertEquals(0, map.shardOfSlot(2047));
        assertEquals(1, map.shardOfSlot(2048));
        SlotMap three = SlotMap.contiguous(3);
        assertEquals(3, three.runs().size());
        assertEquals("3 shards: slots 0-1365 -> 0, 1366-2730 -> 1, 2731-4095 -> 2", three.toString());
    }

    @Test
    void theShardOfAKeyIsTheShardOfThePartitionHashItsStorageKeyCarries() {
        SlotMap map = SlotMap.contiguous(5);
        for (int i = 0; i < 1000; i++) {
            AttributeValue partition = AttributeValue.s("user-" + i);
            byte[] key = KeyCodec.encode(42, partition, null);
            int hash = ((key[8] & 0xff) << 8) | (key[9] & 0xff);
            assertEquals(map.shardOfHash(hash), map.shardOf(partition));
        }
    }

    @Test
    void keysSpreadOverEveryShard() {
        SlotMap map = SlotMap.contiguous(3);
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            counts[map.shardOf(AttributeValue.s("k" + i))]++;
        }
        for (int count : counts) {
            assertTrue(count > 800 && count < 1200, "uneven spread: " + java.util.Arrays.toString(counts));
        }
    }

    @Test
    void theRunsOfParallelScanSegmentsAreDisjointAndCoverEveryHashOnce() {
        SlotMap map = SlotMap.contiguous(3);
        for (int total : new int[] {1, 2, 3, 7, 1000}) {
            int next = 0;
            for (int segment = 0; segment < total; segment++) {
                int from = (int) ((long) segment * 65536 / total);
                int to = (int) ((long) (segment + 1) * 65536 / total);
                for (SlotMap.Run run : map.runsWithin(from, to)) {
                    assertEquals(next, run.fromHash(), "a gap or an overlap at " + next);
                    assertTrue(map.holds(run.shard(), run.fromHash(), run.toHash()));
                    next = run.toHash();
                }
            }
            assertEquals(65536, next);
        }
    }

    @Test
    void aShardDoesNotHoldARangeReachingIntoAnotherShardsSlots() {
        SlotMap map = SlotMap.contiguous(2);
        assertTrue(map.holds(0, 0, 32768));
        assertFalse(map.holds(0, 32000, 32769));
        assertTrue(map.holds(1, 32768, 65536));
    }

    @Test
    void aShardCountOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SlotMap.contiguous(0));
        assertThrows(IllegalArgumentException.class, () -> SlotMap.contiguous(4097));
    }
}
