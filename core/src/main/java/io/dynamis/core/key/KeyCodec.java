package io.dynamis.core.key;

import io.dynamis.core.model.AttributeValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The storage key of an item: {@code storeId (8 bytes) | partition hash (2 bytes) | partition key | sort key}.
 *
 * <p>The store id keeps each table's items contiguous, so a table is one key range. The partition hash
 * spreads partitions over the table's range the way DynamoDB's own hashing does (Scan visits them in
 * hash order, and a parallel-scan segment is a hash range). Within a partition, items follow their
 * sort key in DynamoDB's order, because both key components are written with {@link OrderedBytes}:
 * strings as UTF-8 and binaries compare bytewise unsigned, numbers numerically.
 */
public final class KeyCodec {

    /** Bytes of the store id prefix. */
    public static final int STORE_ID_BYTES = 8;
    /** Bytes of the partition hash that follows it. */
    public static final int HASH_BYTES = 2;

    private KeyCodec() {
    }

    /** The full storage key of an item; sortKey is null for a table without a sort key. */
    public static byte[] encode(long storeId, AttributeValue partitionKey, AttributeValue sortKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writePartition(out, storeId, partitionKey);
        if (sortKey != null) {
            writeComponent(out, sortKey);
        }
        return out.toByteArray();
    }

    /**
     * The key of a local secondary index entry: {@code indexStoreId | partition hash | partition key |
     * index sort key | table sort key} (tableSortKey null for a table without one). Entries of one
     * partition follow the index sort key, ties broken by the table's sort key, as in DynamoDB; since
     * every component is prefix-free, the entries with one index sort key value are exactly those
     * starting with {@code encode(indexStoreId, partitionKey, indexSortKey)}.
     */
    public static byte[] encodeIndexEntry(long indexStoreId, AttributeValue partitionKey, AttributeValue indexSortKey,
            AttributeValue tableSortKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writePartition(out, indexStoreId, partitionKey);
        writeComponent(out, indexSortKey);
        if (tableSortKey != null) {
            writeComponent(out, tableSortKey);
        }
        return out.toByteArray();
    }

    /**
     * The key of a global secondary index entry: the index key encoded as an item key under the index's
     * own {@code indexStoreId}, then the table's partition key and sort key (tableSortKey null for a table
     * without one). Two items with the same index key are two entries, ordered by table key; every
     * component is prefix-free, so the entries of one index key are exactly those starting with
     * {@code encode(indexStoreId, indexPartitionKey, indexSortKey)}.
     */
    public static byte[] encodeGlobalIndexEntry(long indexStoreId, AttributeValue indexPartitionKey,
            AttributeValue indexSortKey, AttributeValue tablePartitionKey, AttributeValue tableSortKey) {
        return encodeGlobalIndexEntry(indexStoreId, List.of(indexPartitionKey),
                indexSortKey == null ? List.of() : List.of(indexSortKey), tablePartitionKey, tableSortKey);
    }

    /**
     * The key of an entry of a global index whose key may have several attributes: the partition
     * component is the partition values' encodings one after another (the partition hash is taken over
     * all of them), followed by each sort value's encoding in KeySchema order, then the table's key.
     * Each encoding is prefix-free and order-preserving, so entries of one partition sort by the first
     * sort attribute, then the second, and so on, and the entries whose first {@code k} sort values are
     * given are exactly those starting with {@link #partitionPrefix} and those {@code k} encodings. With
     * one value of each, the key is {@link #encodeGlobalIndexEntry(long, AttributeValue, AttributeValue,
     * AttributeValue, AttributeValue)}'s, byte for byte.
     */
    public static byte[] encodeGlobalIndexEntry(long indexStoreId, List<AttributeValue> indexPartitionValues,
            List<AttributeValue> indexSortValues, AttributeValue tablePartitionKey, AttributeValue tableSortKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        writePartition(out, indexStoreId, indexPartitionValues);
        indexSortValues.forEach(value -> writeComponent(out, value));
        writeComponent(out, tablePartitionKey);
        if (tableSortKey != null) {
            writeComponent(out, tableSortKey);
        }
        return out.toByteArray();
    }

    /** The prefix shared by every entry of one partition of a (possibly multi-attribute) key. */
    public static byte[] partitionPrefix(long storeId, List<AttributeValue> partitionValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writePartition(out, storeId, partitionValues);
        return out.toByteArray();
    }

    /** The prefix shared by every item of one partition. */
    public static byte[] partitionPrefix(long storeId, AttributeValue partitionKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writePartition(out, storeId, partitionKey);
        return out.toByteArray();
    }

    /** The prefix shared by every item of a table. */
    public static byte[] tablePrefix(long storeId) {
        byte[] prefix = new byte[STORE_ID_BYTES];
        writeLong(prefix, storeId);
        return prefix;
    }

    /** The 16-bit partition hash an encoded key (of an item or an index entry) carries after its store id. */
    public static int hashOf(byte[] encodedKey) {
        return ((encodedKey[STORE_ID_BYTES] & 0xFF) << 8) | (encodedKey[STORE_ID_BYTES + 1] & 0xFF);
    }

    /** The 16-bit hash of a partition key value, as placed after the store id. */
    public static int partitionHash(AttributeValue partitionKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        writeComponent(out, partitionKey);
        return hash16(out.toByteArray());
    }

    private static void writePartition(ByteArrayOutputStream out, long storeId, AttributeValue partitionKey) {
        writePartition(out, storeId, List.of(partitionKey));
    }

    private static void writePartition(ByteArrayOutputStream out, long storeId, List<AttributeValue> partitionValues) {
        byte[] prefix = new byte[STORE_ID_BYTES];
        writeLong(prefix, storeId);
        out.writeBytes(prefix);
        ByteArrayOutputStream component = new ByteArrayOutputStream(32);
        partitionValues.forEach(value -> writeComponent(component, value));
        byte[] encoded = component.toByteArray();
        int hash = hash16(encoded);
        out.write(hash >>> 8);
        out.write(hash);
        out.writeBytes(encoded);
    }

    /** Writes one key value (S, N or B) in its order-preserving, self-delimiting form. */
    public static void writeComponent(ByteArrayOutputStream out, AttributeValue value) {
        if (value instanceof AttributeValue.Str s) {
            OrderedBytes.writeBytes(out, s.value().getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof AttributeValue.Num n) {
            OrderedBytes.writeNumber(out, n.value());
        } else if (value instanceof AttributeValue.Bin b) {
            OrderedBytes.writeBytes(out, b.value());
        } else {
            throw new IllegalArgumentException("not a key type: " + value.type());
        }
    }

    /** FNV-1a, folded to 16 bits: stable across JVMs and releases, which a stored layout needs. */
    static int hash16(byte[] bytes) {
        int h = 0x811c9dc5;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return (h ^ (h >>> 16)) & 0xffff;
    }

    private static void writeLong(byte[] target, long value) {
        for (int i = 7; i >= 0; i--) {
            target[i] = (byte) value;
            value >>>= 8;
        }
    }
}
