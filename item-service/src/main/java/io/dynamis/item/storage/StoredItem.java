package io.dynamis.item.storage;

import io.dynamis.core.json.StoredItemDecoder;
import io.dynamis.core.item.ItemSize;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * How an item is kept on disk: its DynamoDB size (4 bytes, so statistics never re-parse an item)
 * followed by the item in DynamoDB JSON.
 */
public final class StoredItem {

    /** Where the item's JSON starts, after its size. */
    public static final int JSON_OFFSET = 4;

    private StoredItem() {
    }

    public static byte[] encode(Map<String, AttributeValue> item) {
        byte[] stored = AttributeValueCodec.itemBytes(item, JSON_OFFSET);
        ByteBuffer.wrap(stored).putInt(0, (int) ItemSize.of(item));
        return stored;
    }

    public static Map<String, AttributeValue> decode(byte[] stored) {
        return StoredItemDecoder.decode(stored, JSON_OFFSET);
    }

    /** The item's DynamoDB JSON (UTF-8), or null for no item. */
    public static byte[] json(byte[] stored) {
        return stored == null ? null : Arrays.copyOfRange(stored, JSON_OFFSET, stored.length);
    }

    /** The item's DynamoDB size in bytes. */
    public static long size(byte[] stored) {
        return stored == null ? 0 : ByteBuffer.wrap(stored, 0, 4).getInt();
    }
}
