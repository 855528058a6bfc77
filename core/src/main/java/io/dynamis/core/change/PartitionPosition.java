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

    /**
     * The position after applying {@code record}, read at {@code offset}. Made for every record a consumer applies:
     * the map of sequences is shared when the record's shard's is not higher, and is one entry when the record's
     * shard is the only one (one shard, the usual case), so that neither is copied through a HashMap.
     */
    public PartitionPosition after(long offset, ChangeRecord record) {
        Long last = lastSequenceByShard.get(record.shard());
        if (last != null && last >= record.sequence()) {
            return new PartitionPosition(offset + 1, lastSequenceByShard); // immutable: kept as it is
        }
        if (lastSequenceByShard.isEmpty() || (last != null && lastSequenceByShard.size() == 1)) {
            return new PartitionPosition(offset + 1, Map.of(record.shard(), record.sequence()));
        }
        Map<Integer, Long> sequences = new HashMap<>(lastSequenceByShard);
        sequences.put(record.shard(), record.sequence());
        return new PartitionPosition(offset + 1, sequences);
    }

    /** The position after skipping the record at {@code offset} (a duplicate or an unreadable record). */
    public PartitionPosition skipping(long offset) {
        return new PartitionPosition(Math.max(nextOffset, offset + 1), lastSequenceByShard);
    }
}
