package io.dynamis.item.storage;

import io.dynamis.core.change.ChangeLogTopic;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.change.ChangeRecordCodec;
import io.dynamis.core.item.ItemSize;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.item.config.ItemServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The write-ahead log's writer: turns every item change into a change record and appends it to the
 * log in the same commit as the change. A change that leaves the item as it was records nothing, as
 * in DynamoDB Streams.
 */
@ApplicationScoped
public class ChangeLogWriter implements ItemChangeObserver {

    private final int shard;

    public ChangeLogWriter(ItemServiceConfig config) {
        this.shard = config.shard();
    }

    @Override
    public void onChange(ItemChange change, StoreWrites writes) {
        if (change.isNoOp()) {
            return;
        }
        Map<String, AttributeValue> keys = keys(change.table().keySchema(), change);
        long sizeBytes = ItemSize.of(keys) + StoredItem.size(change.oldItem()) + StoredItem.size(change.newItem());
        ChangeRecord.EventName event = ChangeRecord.EventName.of(change.oldItem() != null, change.newItem() != null);
        long time = writes.commitTimeMillis();
        byte[] entryHead = LogEntry.head(time, ChangeLogTopic.key(change.table().tableId(), change.key().partition()));
        writes.appendChange(sequence -> ChangeRecordCodec.encode(entryHead,
                new ChangeRecordCodec.Head(change.table().name(), change.table().tableId(), shard, sequence, event,
                        time, sizeBytes, change.origin()),
                keys, change.oldItem(), StoredItem.JSON_OFFSET, change.newItem(), StoredItem.JSON_OFFSET));
    }

    private static Map<String, AttributeValue> keys(PrimaryKeySchema schema, ItemChange change) {
        Map<String, AttributeValue> keys = new LinkedHashMap<>(2);
        keys.put(schema.partitionKey().name(), change.key().partition());
        if (schema.hasSortKey()) {
            keys.put(schema.sortKey().name(), change.key().sort());
        }
        return keys;
    }
}
