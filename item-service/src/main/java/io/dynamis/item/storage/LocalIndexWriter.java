package io.dynamis.item.storage;

import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Local secondary index maintenance: an observer of every item change that keeps each local index of
 * the table in the same commit as the item, so an index read is as consistent as a table read.
 *
 * <p>An index entry is keyed {@code indexStoreId | partition hash | partition key | index sort key |
 * table sort key} ({@link KeyCodec#encodeIndexEntry}) and holds the item as the index projects it
 * ({@link IndexDefinition#project}). An item without the index sort key (or with one of another type,
 * which writes refuse anyway) has no entry: indexes are sparse. When a change moves an item within an
 * index (its index sort key changed) the old entry is removed and the new one stored; when it leaves
 * the key alone the entry is overwritten with the new projection. Entries go through
 * {@link StoreWrites}, hence through the redo log like every other map change.
 */
@ApplicationScoped
public class LocalIndexWriter implements ItemChangeObserver {

    @Override
    public void onChange(ItemChange change, StoreWrites writes) {
        TableDefinition table = change.table();
        List<IndexDefinition> locals = IndexDefinition.locals(table.indexes());
        if (locals.isEmpty() || change.isNoOp()) {
            return;
        }
        Map<String, AttributeValue> oldItem = change.oldItem() == null ? null : StoredItem.decode(change.oldItem());
        Map<String, AttributeValue> newItem = change.newItem() == null ? null : StoredItem.decode(change.newItem());
        for (IndexDefinition index : locals) {
            if (index.storeId() == 0) {
                continue; // declared before local indexes were kept: no store id, never maintained
            }
            byte[] oldKey = entryKey(table.keySchema(), index, oldItem);
            byte[] newKey = entryKey(table.keySchema(), index, newItem);
            if (oldKey != null && (newKey == null || !Arrays.equals(oldKey, newKey))) {
                writes.removeIndexEntry(index.storeId(), oldKey);
            }
            if (newKey != null) {
                writes.putIndexEntry(index.storeId(), newKey,
                        StoredItem.encode(index.project(newItem, table.keySchema())));
            }
        }
    }

    /** The entry key of an item in an index, or null when the item is not in it (no item, or sparse). */
    static byte[] entryKey(PrimaryKeySchema tableKey, IndexDefinition index, Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        AttributeValue indexSort = item.get(index.keySchema().sortKey().name());
        if (indexSort == null || indexSort.type() != index.keySchema().sortKey().type()) {
            return null;
        }
        AttributeValue partition = item.get(tableKey.partitionKey().name());
        AttributeValue tableSort = tableKey.hasSortKey() ? item.get(tableKey.sortKey().name()) : null;
        return KeyCodec.encodeIndexEntry(index.storeId(), partition, indexSort, tableSort);
    }
}
