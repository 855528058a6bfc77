package io.dynamis.item.storage;

/**
 * Something that must happen with every item change, in the same commit: called on the writer thread
 * right after the item map changed, with the writes of that commit. The change log is one.
 */
public interface ItemChangeObserver {

    void onChange(ItemChange change, StoreWrites writes);
}
