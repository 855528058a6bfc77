package io.dynamis.core.change;

import java.util.HashMap;
import java.util.Map;

/**
 * How far a consumer has read one partition of the change-log topic: the next offset to read and, per
 * item-service shard, the highest sequence number applied (anything at or below it is a duplicate).
 */
public record PartitionPosition(long nextOffset, Map<Integer, Long> lastSequenceByShard) {

    public PartitionPosition {
        lastSequenceByShard = Map.copyOf(lastSequenceByShard);
    }

    public static PartitionPosition start(long offset) {
        return new PartitionPosition(offset, Map.of());
    }

    /** True when the record was already applied from this partition. */
    public boolean isDuplicate(ChangeRecord record) {
        Long last = lastSequenceByShard.get(record.shard());
        return last != null && record.sequence() <= last;
    }

    /** The position after applying {@code record}, read at {@code offset}. */
    public PartitionPosition after(long offset, ChangeRecord record) {
        Map<Integer, Long> sequences = new HashMap<>(lastSequenceByShard);
        sequences.merge(record.shard(), record.sequence(), Math::max);
        return new PartitionPosition(offset + 1, sequences);
    }

    /** The position after skipping the record at {@code offset} (a duplicate or an unreadable record). */
    public PartitionPosition skipping(long offset) {
        return new PartitionPosition(Math.max(nextOffset, offset + 1), lastSequenceByShard);
    }
}
