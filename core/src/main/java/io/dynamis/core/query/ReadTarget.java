package io.dynamis.core.query;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a Query or Scan reads: the table itself, one of its local secondary indexes, or one of its global
 * secondary indexes, and the store whose keys hold it. This is where {@code IndexName} is resolved,
 * once, for every reader ({@link #resolve}), and where the shape of an index entry's key is known.
 *
 * <p>A local index lives beside the table's items in item-service (same shard, same commit), so its
 * reads are pushed down like table reads; its entries are keyed {@link KeyCodec#encodeIndexEntry}. A
 * global index is kept by query-service in a store of its own ({@link #inStore}), keyed
 * {@link KeyCodec#encodeGlobalIndexEntry}. Either way an index is read like a table whose key is the
 * index's, and an entry's key ends with the table's key.
 *
 * @param table   the table named by TableName
 * @param index   the index read, or null for the table
 * @param storeId the store id prefixing the keys read
 */
public record ReadTarget(TableDefinition table, IndexDefinition index, long storeId) {

    /** The table itself. */
    public static ReadTarget of(TableDefinition table) {
        return new ReadTarget(table, null, table.storeId());
    }

    /** The table or the index the request names; throws DynamoDB's ValidationException for an unknown one. */
    public static ReadTarget resolve(ReadRequest request, TableDefinition table) {
        String name = request.indexName();
        if (name == null) {
            return of(table);
        }
        IndexDefinition index = table.index(name);
        if (index == null) {
            throw ApiError.validation("The table does not have the specified index: " + name);
        }
        return new ReadTarget(table, index, index.storeId());
    }

    /** The same target, read from a store where its keys carry {@code id} (a global index in query-service). */
    public ReadTarget inStore(long id) {
        return new ReadTarget(table, index, id);
    }

    /** True when a global secondary index is read. */
    public boolean isGlobalIndex() {
        return index != null && index.global();
    }

    /** True when an index is read rather than the table. */
    public boolean isIndex() {
        return index != null;
    }

    /** The key the key condition is matched to: the table's, or the index's. */
    public PrimaryKeySchema keySchema() {
        return index == null ? table.keySchema() : index.keySchema();
    }

    /**
     * The attributes of ExclusiveStartKey and LastEvaluatedKey, in order: the table's key, then those of
     * the index's key that are not the table's.
     */
    public List<String> startKeyAttributes() {
        List<String> names = new ArrayList<>(4);
        for (KeyAttribute attribute : keyAttributes()) {
            if (!names.contains(attribute.name())) {
                names.add(attribute.name());
            }
        }
        return names;
    }

    /** The key attributes of an entry read: the table's key, then for an index the index's key. */
    public List<KeyAttribute> keyAttributes() {
        List<KeyAttribute> attributes = new ArrayList<>(4);
        attributes.addAll(table.keySchema().attributes());
        if (index != null) {
            attributes.addAll(index.keySchema().attributes());
        }
        return attributes;
    }

    /**
     * The storage key of the item or index entry with these key attributes ({@link #keyAttributes}, each
     * present and of its type).
     */
    public byte[] storageKey(Map<String, AttributeValue> key) {
        PrimaryKeySchema tableKey = table.keySchema();
        AttributeValue tablePartition = key.get(tableKey.partitionKey().name());
        AttributeValue tableSort = tableKey.hasSortKey() ? key.get(tableKey.sortKey().name()) : null;
        if (index == null) {
            return KeyCodec.encode(storeId, tablePartition, tableSort);
        }
        PrimaryKeySchema indexKey = index.keySchema();
        AttributeValue indexSort = indexKey.hasSortKey() ? key.get(indexKey.sortKey().name()) : null;
        if (!index.global()) {
            return KeyCodec.encodeIndexEntry(storeId, tablePartition, indexSort, tableSort);
        }
        return KeyCodec.encodeGlobalIndexEntry(storeId, values(indexKey.partitionKeys(), key),
                values(indexKey.sortKeys(), key), tablePartition, tableSort);
    }

    private static List<AttributeValue> values(List<KeyAttribute> attributes, Map<String, AttributeValue> key) {
        List<AttributeValue> values = new ArrayList<>(attributes.size());
        attributes.forEach(attribute -> values.add(key.get(attribute.name())));
        return values;
    }

    /**
     * True when an item read from the index does not hold everything the request needs, so the table's
     * item must be read too (DynamoDB fetches it, at the cost of a table read per item): Select
     * ALL_ATTRIBUTES, or a projection or filter naming an attribute the index does not project.
     */
    public boolean fetchesFromTable(ReadRequest request) {
        if (index == null || index.global() || IndexDefinition.ALL.equals(index.projectionType())) {
            return false; // a global index answers with what it projects (Select ALL_ATTRIBUTES is refused there)
        }
        if (request.select() == Select.ALL_ATTRIBUTES) {
            return true;
        }
        Set<String> needed = new java.util.HashSet<>(request.filterAttributes());
        if (request.select() == Select.SPECIFIC_ATTRIBUTES && request.projection() != null) {
            needed.addAll(request.projection().attributes());
        }
        for (String attribute : needed) {
            if (!index.projects(attribute, table.keySchema())) {
                return true;
            }
        }
        return false;
    }

    /** The table's key of an index entry (or of an item). */
    public Map<String, AttributeValue> tableKeyOf(Map<String, AttributeValue> entry) {
        Map<String, AttributeValue> key = new java.util.LinkedHashMap<>();
        PrimaryKeySchema tableKey = table.keySchema();
        key.put(tableKey.partitionKey().name(), entry.get(tableKey.partitionKey().name()));
        if (tableKey.hasSortKey()) {
            key.put(tableKey.sortKey().name(), entry.get(tableKey.sortKey().name()));
        }
        return key;
    }
}
