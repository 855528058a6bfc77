package io.dynamis.item.shard;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.shard.SlotMap;

/**
 * The slots this item-service shard holds, checked for every key it reads or writes: a request for a key
 * of another shard's slot (a caller with another slot map, or a routing entry made stale by a table
 * created again) is refused, never served from or stored in the wrong shard. Set once at startup by
 * {@link ShardMembership}; until then (and with one shard) every slot is held.
 *
 * <p>Static, because the checks sit where keys are encoded (item reads and writes, which are values,
 * not beans).
 */
public final class ShardOwnership {

    private static volatile SlotMap slots;
    private static volatile int shard;
    private static volatile boolean held;

    private ShardOwnership() {
    }

    static void hold(SlotMap map, int ownShard) {
        shard = ownShard;
        slots = map.shards() == 1 ? null : map;
        held = true;
    }

    /** True once the shard's membership is checked and its slots held (readiness waits for it). */
    static boolean holds() {
        return held;
    }

    /** Refuses a storage key (an item's or a partition's prefix) of a slot this shard does not hold. */
    public static void requireKey(byte[] storageKey) {
        if (slots != null && storageKey.length >= KeyCodec.STORE_ID_BYTES + KeyCodec.HASH_BYTES) {
            requireHash(((storageKey[KeyCodec.STORE_ID_BYTES] & 0xff) << 8) | (storageKey[KeyCodec.STORE_ID_BYTES + 1] & 0xff));
        }
    }

    /** Refuses a partition hash of a slot this shard does not hold. */
    public static void requireHash(int hash) {
        SlotMap map = slots;
        if (map != null && map.shardOfHash(hash) != shard) {
            throw wrongShard("slot " + SlotMap.slotOfHash(hash), map);
        }
    }

    /** Refuses a hash range {@code [from, to)} that holds a slot this shard does not hold. */
    public static void requireHashes(int from, int to) {
        SlotMap map = slots;
        if (map != null && !map.holds(shard, from, to)) {
            throw wrongShard("the slots of hashes " + from + "-" + (to - 1), map);
        }
    }

    private static ApiError wrongShard(String what, SlotMap map) {
        return ApiError.internal("item-service shard " + shard + " (" + map + ") does not hold " + what
                + ": the caller's slot map (dynamis.item.shards, dynamis.item.shard-urls) is not the cluster's");
    }
}
