package io.dynamis.item.storage;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items held by cross-shard transactions on this shard: a prepared write holds its items until its
 * decision is applied (rebuilt from the prepared records after a restart), a prepared read holds them
 * until it is released or for {@link #READ_HOLD_MILLIS} at most (a router that died must not block the
 * items). While an item is held by one transaction, every other write or transaction touching it fails
 * with TransactionConflictException; plain reads see its committed value.
 *
 * <p>Only used on the writer thread.
 */
public final class KeyHolds {

    /** How long a prepared read holds its items at most. */
    public static final long READ_HOLD_MILLIS = 5_000;
    /** DynamoDB's message for an item held by an ongoing transaction. */
    public static final String CONFLICT_MESSAGE = "Transaction is ongoing for the item";

    private record Hold(String transaction, long untilMillis) {
    }

    private final Map<ByteBuffer, Hold> held = new HashMap<>();
    private final Map<String, List<ByteBuffer>> byTransaction = new HashMap<>();

    /** The transaction holding the item under an encoded key at {@code nowMillis}, or null. */
    public String holder(byte[] storageKey, long nowMillis) {
        Hold hold = held.get(ByteBuffer.wrap(storageKey));
        if (hold == null || hold.untilMillis() <= nowMillis) {
            return null;
        }
        return hold.transaction();
    }

    /** Throws TransactionConflictException when a transaction other than {@code mine} (may be null) holds the item. */
    public void requireFree(byte[] storageKey, String mine) {
        String holder = holder(storageKey, System.currentTimeMillis());
        if (holder != null && !holder.equals(mine)) {
            throw conflict();
        }
    }

    public static ApiError conflict() {
        return new ApiError(ErrorCode.TRANSACTION_CONFLICT, CONFLICT_MESSAGE);
    }

    /** Holds the items under {@code keys} for a transaction until {@code untilMillis} ({@link Long#MAX_VALUE}: until released). */
    public void hold(String transaction, Collection<byte[]> keys, long untilMillis) {
        List<ByteBuffer> mine = byTransaction.computeIfAbsent(transaction, t -> new ArrayList<>());
        for (byte[] key : keys) {
            ByteBuffer wrapped = ByteBuffer.wrap(key);
            held.put(wrapped, new Hold(transaction, untilMillis));
            mine.add(wrapped);
        }
    }

    /** Releases every item a transaction holds. */
    public void release(String transaction) {
        List<ByteBuffer> keys = byTransaction.remove(transaction);
        if (keys != null) {
            for (ByteBuffer key : keys) {
                Hold hold = held.get(key);
                if (hold != null && hold.transaction().equals(transaction)) {
                    held.remove(key);
                }
            }
        }
    }

    /** Forgets every hold (before holding again what the prepared records say, after a rollback). */
    void clear() {
        held.clear();
        byTransaction.clear();
    }

    /** How many items are held (tests, metrics). */
    public int size() {
        return held.size();
    }
}
