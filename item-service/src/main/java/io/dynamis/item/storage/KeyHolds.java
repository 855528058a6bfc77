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
 * with TransactionConflictException, and a transaction's read of an item a prepared write holds is canceled
 * with TransactionConflict (reads share items); plain reads see its committed value.
 *
 * <p>Only used on the writer thread.
 */
public final class KeyHolds {

    /** How long a prepared read holds its items at most. */
    public static final long READ_HOLD_MILLIS = 5_000;
    /** DynamoDB's message for an item held by an ongoing transaction. */
    public static final String CONFLICT_MESSAGE = "Transaction is ongoing for the item";

    /** The items held by prepared writes, until released. */
    private final Map<ByteBuffer, String> written = new HashMap<>();
    /** The items held by prepared reads (several may share one): each reader and until when. */
    private final Map<ByteBuffer, Map<String, Long>> read = new HashMap<>();
    private final Map<String, List<ByteBuffer>> byTransaction = new HashMap<>();

    /** The transaction holding the item under an encoded key at {@code nowMillis} (a write first, else a read), or null. */
    public String holder(byte[] storageKey, long nowMillis) {
        ByteBuffer key = ByteBuffer.wrap(storageKey);
        String writer = written.get(key);
        if (writer != null) {
            return writer;
        }
        Map<String, Long> readers = read.get(key);
        if (readers == null) {
            return null;
        }
        readers.values().removeIf(until -> until <= nowMillis);
        if (readers.isEmpty()) {
            read.remove(key);
            return null;
        }
        return readers.keySet().iterator().next();
    }

    /** The prepared write holding the item, or null: what a read conflicts with (reads share items). */
    public String writeHolder(byte[] storageKey) {
        return written.get(ByteBuffer.wrap(storageKey));
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

    /**
     * Holds the items under {@code keys} for a transaction: a prepared write until released
     * ({@code untilMillis} {@link Long#MAX_VALUE}), a prepared read until {@code untilMillis} at most.
     */
    public void hold(String transaction, Collection<byte[]> keys, long untilMillis) {
        List<ByteBuffer> mine = byTransaction.computeIfAbsent(transaction, t -> new ArrayList<>());
        for (byte[] key : keys) {
            ByteBuffer wrapped = ByteBuffer.wrap(key);
            if (untilMillis == Long.MAX_VALUE) {
                written.put(wrapped, transaction);
            } else {
                read.computeIfAbsent(wrapped, k -> new HashMap<>()).put(transaction, untilMillis);
            }
            mine.add(wrapped);
        }
    }

    /** Releases every item a transaction holds. */
    public void release(String transaction) {
        List<ByteBuffer> keys = byTransaction.remove(transaction);
        if (keys == null) {
            return;
        }
        for (ByteBuffer key : keys) {
            written.remove(key, transaction);
            Map<String, Long> readers = read.get(key);
            if (readers != null) {
                readers.remove(transaction);
                if (readers.isEmpty()) {
                    read.remove(key);
                }
            }
        }
    }

    /** Forgets every hold (before holding again what the prepared records say, after a rollback). */
    void clear() {
        written.clear();
        read.clear();
        byTransaction.clear();
    }

    /** How many items are held (tests, metrics). */
    public int size() {
        return written.size() + read.size();
    }
}
