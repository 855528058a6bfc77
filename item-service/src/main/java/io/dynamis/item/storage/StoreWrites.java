package io.dynamis.item.storage;

import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.table.TableDefinition;
import java.util.List;

/**
 * What a mutation may change, handed to it on the writer thread. Every change to an item keeps the
 * table's statistics and is shown to the {@link ItemChangeObserver}s (the change log among them) in
 * the same commit.
 */
public final class StoreWrites {

    private final ItemStore store;
    private final List<ItemChangeObserver> observers;
    private long batchTimeMillis;
    private long lastSequence;
    private long persistedSequence;
    private final KeyHolds holds = new KeyHolds();

    StoreWrites(ItemStore store, List<ItemChangeObserver> observers) {
        this.store = store;
        this.observers = List.copyOf(observers);
        this.lastSequence = store.lastSequence();
        this.persistedSequence = lastSequence;
        holdPrepared();
    }

    // ---- cross-shard transactions (see io.dynamis.item.transaction) ----

    /** The items held by cross-shard transactions. */
    public KeyHolds holds() {
        return holds;
    }

    /** The items of every prepared record held again (at start, and after a rollback, which may have undone one). */
    private void holdPrepared() {
        holds.clear();
        for (byte[] record : store.preparedTransactions().values()) {
            PreparedTransaction prepared = PreparedTransaction.decode(record);
            holds.hold(prepared.id(), prepared.heldKeys(), Long.MAX_VALUE);
        }
    }

    /** The prepared records of this shard, by transaction id. */
    public java.util.Map<String, byte[]> preparedTransactions() {
        return store.preparedTransactions();
    }

    /** Stores a prepared record and holds its items. */
    public void putPrepared(PreparedTransaction prepared) {
        store.putPreparedTransaction(prepared.id(), prepared.encode());
        holds.hold(prepared.id(), prepared.heldKeys(), Long.MAX_VALUE);
    }

    /** Removes a transaction's prepared record, if any, and releases its items (its read holds too). */
    public PreparedTransaction removePrepared(String id) {
        byte[] record = store.preparedTransactions().get(id);
        holds.release(id);
        if (record == null) {
            return null;
        }
        store.removePreparedTransaction(id);
        return PreparedTransaction.decode(record);
    }

    /** The decision recorded for a transaction this shard coordinates, or null. */
    public byte[] transactionDecision(String id) {
        return store.transactionDecisions().get(id);
    }

    /** Records (or, {@code record} null, forgets) the decision of a transaction this shard coordinates. */
    public void putTransactionDecision(String id, byte[] record) {
        if (record == null) {
            store.removeTransactionDecision(id);
        } else {
            store.putTransactionDecision(id, record);
        }
    }

    /** Every decision this shard keeps, by transaction id (a copy). */
    public java.util.Map<String, byte[]> transactionDecisions() {
        return new java.util.TreeMap<>(store.transactionDecisions());
    }

    /**
     * The item under an encoded key as the writer sees it: including the changes of the commit being
     * assembled, so a read-modify-write sees every write submitted before it.
     */
    public byte[] currentItem(byte[] storageKey) {
        return store.latest(storageKey);
    }

    /** Stores an item (encoded by {@link StoredItem}) for a user; returns the item it replaced, or null. */
    public byte[] putItem(TableDefinition table, PrimaryKeys.Key key, byte[] storageKey, byte[] storedItem) {
        byte[] old = store.putItem(storageKey, storedItem);
        store.adjustStats(table.storeId(), old == null ? 1 : 0, StoredItem.size(storedItem) - StoredItem.size(old));
        changed(new ItemChange(table, key, storageKey, old, storedItem, ChangeRecord.Origin.USER));
        return old;
    }

    /** Removes an item for a user; returns it, or null if there was none. */
    public byte[] removeItem(TableDefinition table, PrimaryKeys.Key key, byte[] storageKey) {
        return removeItem(table, key, storageKey, ChangeRecord.Origin.USER);
    }

    /** Removes an item on behalf of {@code origin}; returns it, or null if there was none. */
    public byte[] removeItem(TableDefinition table, PrimaryKeys.Key key, byte[] storageKey, ChangeRecord.Origin origin) {
        byte[] old = store.removeItem(storageKey);
        if (old != null) {
            store.adjustStats(table.storeId(), -1, -StoredItem.size(old));
            changed(new ItemChange(table, key, storageKey, old, null, origin));
        }
        return old;
    }

    private void changed(ItemChange change) {
        for (ItemChangeObserver observer : observers) {
            observer.onChange(change, this);
        }
    }

    /**
     * Removes an item that belongs to a table already dropped from the catalog: no statistics, no change
     * record (DynamoDB Streams records nothing for the items of a deleted table either).
     */
    public void purgeItem(byte[] key) {
        store.removeItem(key);
    }

    // ---- local secondary indexes (see LocalIndexWriter) ----

    /** Stores a local-index entry (a {@link StoredItem} of the projected item), keeping the index's statistics. */
    public void putIndexEntry(long indexStoreId, byte[] entryKey, byte[] storedEntry) {
        byte[] old = store.putIndexEntry(entryKey, storedEntry);
        store.adjustStats(indexStoreId, old == null ? 1 : 0, StoredItem.size(storedEntry) - StoredItem.size(old));
    }

    /** Removes a local-index entry, keeping the index's statistics. */
    public void removeIndexEntry(long indexStoreId, byte[] entryKey) {
        byte[] old = store.removeIndexEntry(entryKey);
        if (old != null) {
            store.adjustStats(indexStoreId, -1, -StoredItem.size(old));
        }
    }

    /**
     * The size of an item collection as the writer sees it: the items of one partition of the table
     * and their entries in the table's local indexes, in bytes (DynamoDB's ItemCollectionMetrics).
     */
    public long itemCollectionBytes(TableDefinition table, io.dynamis.core.model.AttributeValue partition) {
        long bytes = sizes(store.range(io.dynamis.core.key.KeyCodec.partitionPrefix(table.storeId(), partition), null),
                io.dynamis.core.key.KeyCodec.partitionPrefix(table.storeId(), partition));
        for (var index : io.dynamis.core.table.IndexDefinition.locals(table.indexes())) {
            byte[] prefix = io.dynamis.core.key.KeyCodec.partitionPrefix(index.storeId(), partition);
            bytes += sizes(store.indexRange(prefix, null), prefix);
        }
        return bytes;
    }

    private static long sizes(Iterable<java.util.Map.Entry<byte[], byte[]>> tail, byte[] prefix) {
        long bytes = 0;
        for (var entry : tail) {
            if (!startsWith(entry.getKey(), prefix)) {
                break;
            }
            bytes += StoredItem.size(entry.getValue());
        }
        return bytes;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Removes an entry of an index whose table was dropped from the catalog: no statistics. */
    public void purgeIndexEntry(byte[] entryKey) {
        store.removeIndexEntry(entryKey);
    }

    /** Forgets the statistics of an index whose table was dropped. */
    public void removeIndexStats(long indexStoreId) {
        store.removeStats(indexStoreId);
    }

    // ---- transaction client tokens ----

    /** What was recorded under a TransactWriteItems client token, or null. */
    public byte[] transactionToken(String token) {
        return store.transactionToken(token);
    }

    public void putTransactionToken(String token, byte[] record) {
        store.putTransactionToken(token, record);
    }

    /** Forgets the tokens whose record {@code expired} says so; returns how many. */
    public int expireTransactionTokens(java.util.function.Predicate<byte[]> expired) {
        int removed = 0;
        for (var entry : store.transactionTokens()) {
            if (expired.test(entry.getValue())) {
                store.removeTransactionToken(entry.getKey());
                removed++;
            }
        }
        return removed;
    }

    // ---- principals (the gateway's access keys and policies) ----

    public void putPrincipal(String name, byte[] record) {
        store.putPrincipal(name, record);
    }

    public void removePrincipal(String name) {
        store.removePrincipal(name);
    }

    public void putTable(String name, byte[] definition) {
        store.putTable(name, definition);
    }

    public void removeTable(String name, long storeId) {
        store.removeTable(name);
        store.removeStats(storeId);
    }

    public long allocateStoreId() {
        return store.allocateStoreId();
    }

    // ---- the change log ----

    /** The time of the commit being assembled, in epoch milliseconds; never earlier than the last one's. */
    public long commitTimeMillis() {
        return batchTimeMillis;
    }

    /** The sequence number of the last change-log entry appended so far (this commit's included). */
    public long lastSequence() {
        return lastSequence;
    }

    /** Appends a log entry under the next sequence number; returns that number. */
    public long appendChange(java.util.function.LongFunction<byte[]> entryFor) {
        long sequence = lastSequence + 1;
        store.appendChange(sequence, entryFor.apply(sequence));
        lastSequence = sequence;
        return sequence;
    }

    /** Records that the broker has acknowledged the log through {@code sequence}. */
    public void markRelayed(long sequence) {
        if (sequence > store.relayedSequence()) {
            store.setRelayedSequence(sequence);
        }
    }

    /**
     * Removes log entries the broker has acknowledged and that were committed before
     * {@code olderThanMillis}, oldest first, at most {@code max}; returns how many.
     */
    public int trimLog(long olderThanMillis, int max) {
        long relayed = store.relayedSequence();
        int removed = 0;
        var iterator = store.changesAfter(0).iterator();
        while (removed < max && iterator.hasNext()) {
            var entry = iterator.next();
            if (entry.getKey() > relayed || LogEntry.commitTimeMillis(entry.getValue()) >= olderThanMillis) {
                break;
            }
            store.removeChange(entry.getKey());
            removed++;
        }
        return removed;
    }

    // ---- called by the writer around each commit ----

    void beginBatch(long nowMillis) {
        batchTimeMillis = Math.max(batchTimeMillis, nowMillis);
    }

    /** Before the commit: persists the last sequence number with it. Returns the last sequence of the commit. */
    long beforeCommit() {
        if (lastSequence != persistedSequence) {
            store.setLastSequence(lastSequence);
            persistedSequence = lastSequence;
        }
        return lastSequence;
    }

    void afterRollback() {
        lastSequence = store.lastSequence();
        persistedSequence = lastSequence;
        holdPrepared();
    }
}
