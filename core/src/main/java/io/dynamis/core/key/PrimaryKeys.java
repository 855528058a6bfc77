package io.dynamis.core.key;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DynamoDB's rules for primary key values, with its messages: an item must carry every key attribute
 * with the declared type; a {@code Key} parameter must hold exactly the key attributes; key strings and
 * binaries may not be empty; a partition key may hold 2048 bytes and a sort key 1024.
 */
public final class PrimaryKeys {

    public static final int MAX_PARTITION_KEY_BYTES = 2048;
    public static final int MAX_SORT_KEY_BYTES = 1024;

    private PrimaryKeys() {
    }

    /** A validated primary key: the partition value and the sort value (null without a sort key). */
    public record Key(AttributeValue partition, AttributeValue sort) {
        /** The key as an attribute map, in schema order. */
        public Map<String, AttributeValue> toMap(PrimaryKeySchema schema) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            map.put(schema.partitionKey().name(), partition);
            if (schema.hasSortKey()) {
                map.put(schema.sortKey().name(), sort);
            }
            return map;
        }
    }

    /** The key of a whole item (PutItem): each key attribute present, of the declared type. */
    public static Key ofItem(PrimaryKeySchema schema, Map<String, AttributeValue> item) {
        AttributeValue partition = itemKeyAttribute(schema.partitionKey(), item);
        AttributeValue sort = schema.hasSortKey() ? itemKeyAttribute(schema.sortKey(), item) : null;
        return checked(schema, partition, sort, "are not valid.");
    }

    /** A {@code Key} parameter (GetItem, DeleteItem, ...): exactly the key attributes, typed right. */
    public static Key ofKey(PrimaryKeySchema schema, Map<String, AttributeValue> key) {
        int expected = schema.hasSortKey() ? 2 : 1;
        AttributeValue partition = key.get(schema.partitionKey().name());
        AttributeValue sort = schema.hasSortKey() ? key.get(schema.sortKey().name()) : null;
        if (key.size() != expected || partition == null || (schema.hasSortKey() && sort == null)
                || partition.type() != schema.partitionKey().type()
                || (sort != null && sort.type() != schema.sortKey().type())) {
            throw ApiError.validation("The provided key element does not match the schema");
        }
        return checked(schema, partition, sort, "were invalid:");
    }

    private static AttributeValue itemKeyAttribute(KeyAttribute attribute, Map<String, AttributeValue> item) {
        AttributeValue value = item.get(attribute.name());
        if (value == null) {
            throw ApiError.invalidParameter("Missing the key " + attribute.name() + " in the item");
        }
        if (value.type() != attribute.type()) {
            throw ApiError.invalidParameter("Type mismatch for key " + attribute.name() + " expected: "
                    + attribute.type() + " actual: " + value.type());
        }
        return value;
    }

    /**
     * Checks key values for emptiness and size. DynamoDB words the empty-key error differently for an
     * item ("One or more parameter values are not valid.") and for a Key ("... were invalid:").
     */
    private static Key checked(PrimaryKeySchema schema, AttributeValue partition, AttributeValue sort,
            String emptyWording) {
        rejectEmpty(schema.partitionKey(), partition, emptyWording);
        if (sort != null) {
            rejectEmpty(schema.sortKey(), sort, emptyWording);
        }
        checkPartitionKeySize(partition);
        if (sort != null) {
            checkSortKeySize(sort);
        }
        return new Key(partition, sort);
    }

    /**
     * A partition key value (of the table, of an index, or in a key condition) holds at most 2048 bytes;
     * DynamoDB's message lacks the space before the number.
     */
    public static void checkPartitionKeySize(AttributeValue partition) {
        if (keyValueSize(partition) > MAX_PARTITION_KEY_BYTES) {
            throw ApiError.invalidParameter("Size of hashkey has exceeded the maximum size limit of"
                    + MAX_PARTITION_KEY_BYTES + " bytes");
        }
    }

    /** A sort key value (of the table, of an index, or in a key condition) holds at most 1024 bytes. */
    public static void checkSortKeySize(AttributeValue sort) {
        if (keyValueSize(sort) > MAX_SORT_KEY_BYTES) {
            throw ApiError.invalidParameter("Aggregated size of all range keys has exceeded the size limit of "
                    + MAX_SORT_KEY_BYTES + " bytes");
        }
    }

    /**
     * True when a value may be a key value: not an empty string or binary, and within the partition (2048
     * bytes) or sort (1024 bytes) key size limit. What a backfilled index leaves out otherwise.
     */
    public static boolean fitsKey(AttributeValue value, boolean partition) {
        return !isEmpty(value) && keyValueSize(value) <= (partition ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES);
    }

    /** An empty string or binary, which no key may hold (a number is never empty). */
    private static boolean isEmpty(AttributeValue value) {
        return keyValueSize(value) == 0 && value.type() != AttributeValue.Type.N;
    }

    private static void rejectEmpty(KeyAttribute attribute, AttributeValue value, String wording) {
        if (isEmpty(value)) {
            String kind = value.type() == AttributeValue.Type.S ? "string" : "binary";
            throw ApiError.validation("One or more parameter values " + wording + " The AttributeValue for a key"
                    + " attribute cannot contain an empty " + kind + " value. Key: " + attribute.name());
        }
    }

    /** The size DynamoDB counts for a key value: UTF-8 bytes of a string, bytes of a binary, digits of a number. */
    static int keyValueSize(AttributeValue value) {
        if (value instanceof AttributeValue.Str s) {
            return s.value().getBytes(StandardCharsets.UTF_8).length;
        }
        if (value instanceof AttributeValue.Bin b) {
            return b.value().length;
        }
        return 1; // numbers are at most 21 bytes, far below either limit
    }
}
