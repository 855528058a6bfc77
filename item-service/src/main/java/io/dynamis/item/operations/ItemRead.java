package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.expression.Projection;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.shard.ShardOwnership;
import io.dynamis.item.storage.StoredItem;
import java.util.Map;
import java.util.function.Function;

/** One validated read of one item by key, with its projection: shared by GetItem, BatchGetItem and TransactGetItems. */
record ItemRead(TableDefinition table, PrimaryKeys.Key key, byte[] storageKey, Projection projection) {

    /** The 16-bit hash of the item's partition key (which partition it is in). */
    int partitionHash() {
        return io.dynamis.core.key.KeyCodec.hashOf(storageKey);
    }

    static ItemRead of(TableDefinition table, Map<String, AttributeValue> keyAttributes, Projection projection) {
        PrimaryKeys.Key key = PrimaryKeys.ofKey(table.keySchema(), keyAttributes);
        byte[] storageKey = KeyCodec.encode(table.storeId(), key.partition(), key.sort());
        ShardOwnership.requireKey(storageKey);
        return new ItemRead(table, key, storageKey, projection);
    }

    /** The item's identity within a request: its encoded key (which includes its table's store id). */
    java.nio.ByteBuffer identity() {
        return java.nio.ByteBuffer.wrap(storageKey);
    }

    /** Reads the item with {@code reader} (stored bytes by encoded key) and projects it. */
    Result from(Function<byte[], byte[]> reader) {
        byte[] stored = reader.apply(storageKey);
        if (stored == null) {
            return new Result(null, 0);
        }
        Map<String, AttributeValue> item = StoredItem.decode(stored);
        return new Result(projection == null ? item : projection.apply(item), StoredItem.size(stored));
    }

    /** The item read (null when there is none; projected) and the size of the whole stored item, which capacity is charged by. */
    record Result(Map<String, AttributeValue> item, long size) {

        /** Adds {@code Item} to a response when there is an item. */
        void addTo(ObjectNode response) {
            if (item != null) {
                response.set("Item", AttributeValueCodec.encodeItem(item));
            }
        }
    }
}
