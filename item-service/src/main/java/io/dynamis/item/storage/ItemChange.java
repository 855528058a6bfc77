package io.dynamis.item.storage;

import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.table.TableDefinition;

/**
 * One change to one item, as the writer applies it: what observers of the mutation path (the change
 * log, and later local secondary indexes) see. Items are in their stored form ({@link StoredItem});
 * {@code oldItem} is null for an insert, {@code newItem} null for a removal.
 */
public record ItemChange(TableDefinition table, PrimaryKeys.Key key, byte[] storageKey, byte[] oldItem,
        byte[] newItem, ChangeRecord.Origin origin) {

    /** True when the change leaves the item as it was (DynamoDB Streams records nothing then). */
    public boolean isNoOp() {
        if (oldItem == null || newItem == null) {
            return oldItem == newItem;
        }
        if (java.util.Arrays.equals(oldItem, newItem)) {
            return true;
        }
        return StoredItem.size(oldItem) == StoredItem.size(newItem)
                && StoredItem.decode(oldItem).equals(StoredItem.decode(newItem));
    }
}
