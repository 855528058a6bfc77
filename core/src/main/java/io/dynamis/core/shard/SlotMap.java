package io.dynamis.core.shard;

import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which item-service shard holds which key: a key belongs to one of {@link #SLOTS} slots, a slot to a
 * shard.
 *
 * <p>The slot of a key is the top 12 bits of the 16-bit partition hash that every storage key already
 * carries after its store id ({@link KeyCodec#partitionHash}), so a slot is a contiguous range of 16
 * hashes. Decision: the table id is not mixed into the slot. The hash order is the order in which Scan
 * visits a table and parallel-scan segments are hash ranges, so with slots cut from that order a shard
 * holds whole hash ranges of every table, a Scan over the shards is the concatenation of per-shard range
 * reads in hash order (its LastEvaluatedKey names the one range it stopped in), and a segment maps onto
 * the slots it covers. The price: every table's hot partitions spread the same way, which for hashes of
 * keys is no price at all.
 *
 * <p>A cluster made with {@code n} shards gives shard {@code i} the slots {@code [i * 4096 / n,
 * (i + 1) * 4096 / n)}. Growing the cluster later moves slots (see docs/operations.md); the map itself
 * allows any assignment, and every reader here works from its {@link #runs()}.
 */
public final class SlotMap {

    /** The fixed number of slots. */
    public static final int SLOTS = 4096;
    /** The partition hashes (16 bits) per slot. */
    public static final int HASHES_PER_SLOT = 65536 / SLOTS;

    /** A maximal range of consecutive slots held by one shard, as hashes {@code [fromHash, toHash)}. */
    public record Run(int shard, int fromHash, int toHash) {
    }

    private final int shards;
    private final int[] owners;
    private final List<Run> runs;

    private SlotMap(int shards, int[] owners) {
        this.shards = shards;
        this.owners = owners;
        List<Run> made = new ArrayList<>();
        int start = 0;
        for (int slot = 1; slot <= SLOTS; slot++) {
            if (slot == SLOTS || owners[slot] != owners[start]) {
                made.add(new Run(owners[start], start * HASHES_PER_SLOT, slot * HASHES_PER_SLOT));
                start = slot;
            }
        }
        this.runs = List.copyOf(made);
    }

    /** The map of a cluster created with {@code shards} shards: each holds one contiguous range of slots. */
    public static SlotMap contiguous(int shards) {
        if (shards < 1 || shards > SLOTS) {
            throw new IllegalArgumentException("the shard count must be between 1 and " + SLOTS + ", not " + shards);
        }
        int[] owners = new int[SLOTS];
        for (int slot = 0; slot < SLOTS; slot++) {
            owners[slot] = (int) ((long) slot * shards / SLOTS);
        }
        return new SlotMap(shards, owners);
    }

    public int shards() {
        return shards;
    }

    /** The slot of a partition hash. */
    public static int slotOfHash(int partitionHash) {
        return partitionHash / HASHES_PER_SLOT;
    }

    /** The shard holding the keys of a partition hash. */
    public int shardOfHash(int partitionHash) {
        return owners[slotOfHash(partitionHash)];
    }

    /** The shard holding the items of a partition key value. */
    public int shardOf(AttributeValue partitionKey) {
        return shards == 1 ? 0 : shardOfHash(KeyCodec.partitionHash(partitionKey));
    }

    /** The shard holding a slot. */
    public int shardOfSlot(int slot) {
        return owners[slot];
    }

    /** Every run of slots, in hash order: together they cover every hash once. */
    public List<Run> runs() {
        return runs;
    }

    /**
     * The parts of the hash range {@code [fromHash, toHash)} (a parallel-scan segment, or every hash), in
     * hash order, each clipped to one run and so held by one shard.
     */
    public List<Run> runsWithin(int fromHash, int toHash) {
        List<Run> within = new ArrayList<>();
        for (Run run : runs) {
            int from = Math.max(fromHash, run.fromHash());
            int to = Math.min(toHash, run.toHash());
            if (from < to) {
                within.add(new Run(run.shard(), from, to));
            }
        }
        return within;
    }

    /** True when the shard holds every slot of the hash range {@code [fromHash, toHash)}. */
    public boolean holds(int shard, int fromHash, int toHash) {
        for (int slot = slotOfHash(fromHash); slot * HASHES_PER_SLOT < toHash; slot++) {
            if (owners[slot] != shard) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotMap other && Arrays.equals(owners, other.owners);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(owners);
    }

    /** The runs, e.g. {@code 2 shards: slots 0-2047 -> 0, 2048-4095 -> 1}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(shards).append(shards == 1 ? " shard:" : " shards:");
        for (Run run : runs) {
            s.append(run == runs.get(0) ? " slots " : ", ").append(slotOfHash(run.fromHash())).append('-')
                    .append(slotOfHash(run.toHash() - 1)).append(" -> ").append(run.shard());
        }
        return s.toString();
    }
}
