package io.dynamis.item.storage;

/**
 * What a mutation may change, handed to it on the writer thread. Every change to items keeps the
 * table's statistics in the same commit.
 */
public final class StoreWrites {

    private final ItemStore store;

    StoreWrites(ItemStore store) {
        this.store = store;
    }

    /** Stores an item (encoded by {@link StoredItem}); returns the item it replaced, or null. */
    public byte[] putItem(long storeId, byte[] key, byte[] storedItem) {
        byte[] old = store.putItem(key, storedItem);
        store.adjustStats(storeId, old == null ? 1 : 0, StoredItem.size(storedItem) - StoredItem.size(old));
        return old;
    }

    /** Removes an item; returns it, or null if there was none. */
    public byte[] removeItem(long storeId, byte[] key) {
        byte[] old = store.removeItem(key);
        if (old != null) {
            store.adjustStats(storeId, -1, -StoredItem.size(old));
        }
        return old;
    }

    /** Removes an item that belongs to a table already dropped from the catalog (no statistics kept). */
    public void purgeItem(byte[] key) {
        store.removeItem(key);
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
}
