package io.dynamis.core.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A consumer drops what it already applied from a partition, by shard and sequence number. */
class PartitionPositionTest {

    private static ChangeRecord record(int shard, long sequence) {
        return new ChangeRecord("T", "id", shard, sequence, ChangeRecord.EventName.INSERT, 0, Map.of(), null, Map.of(),
                0, ChangeRecord.Origin.USER);
    }

    @Test
    void aRecordAtOrBelowTheHighestAppliedOfItsShardIsADuplicate() {
        PartitionPosition position = PartitionPosition.start(0).after(0, record(0, 5)).after(1, record(1, 3));
        assertEquals(2, position.nextOffset());
        assertTrue(position.isDuplicate(record(0, 5)));
        assertTrue(position.isDuplicate(record(0, 4)));
        assertFalse(position.isDuplicate(record(0, 6)));
        assertFalse(position.isDuplicate(record(1, 4)));
        assertFalse(position.isDuplicate(record(2, 1)), "another shard's numbers are its own");
    }

    @Test
    void eachShardKeepsItsHighestSequenceWhateverTheOrderRecordsComeIn() {
        PartitionPosition one = PartitionPosition.start(0).after(0, record(0, 5)).after(1, record(0, 7));
        assertEquals(Map.of(0, 7L), one.lastSequenceByShard());
        PartitionPosition lower = one.after(2, record(0, 6));
        assertEquals(3, lower.nextOffset());
        assertEquals(Map.of(0, 7L), lower.lastSequenceByShard(), "a lower sequence keeps the higher");
        PartitionPosition two = lower.after(3, record(2, 4)).after(4, record(0, 9)).after(5, record(2, 1));
        assertEquals(6, two.nextOffset());
        assertEquals(Map.of(0, 9L, 2, 4L), two.lastSequenceByShard());
        assertEquals(Map.of(0, 7L), lower.lastSequenceByShard(), "an earlier position is not changed");
    }

    @Test
    void skippingMovesTheOffsetOnly() {
        PartitionPosition position = PartitionPosition.start(10).after(10, record(0, 5)).skipping(11);
        assertEquals(12, position.nextOffset());
        assertEquals(Map.of(0, 5L), position.lastSequenceByShard());
    }
}
