package io.dynamis.core.query;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a Query or Scan reads: the table itself, or one of its local secondary indexes. This is where
 * {@code IndexName} is resolved, once, for every reader ({@link #resolve}).
 *
 * <p>A local index lives beside the table's items in item-service (same shard, same commit), so its
 * reads are pushed down like table reads. A global index is kept elsewhere (query-service); until it
 * is, a read naming one is refused here by name rather than answered from the table.
 *
 * @param table the table named by TableName
 * @param index the local index read, or null for the table
 */
public record ReadTarget(TableDefinition table, IndexDefinition index) {

    /** The table or the index the request names; throws DynamoDB's ValidationException for an unknown one. */
    public static ReadTarget resolve(ReadRequest request, TableDefinition table) {
        String name = request.indexName();
        if (name == null) {
            return new ReadTarget(table, null);
        }
        IndexDefinition index = table.index(name);
        if (index == null) {
            throw ApiError.validation("The table does not have the specified index: " + name);
        }
        if (index.global()) {
            // global secondary indexes are read by query-service from its own store; it never forwards them here
            throw ApiError.validation("IndexName is not supported by Dynamis yet");
        }
        return new ReadTarget(table, index);
    }

    /** True when an index is read rather than the table. */
    public boolean isIndex() {
        return index != null;
    }

    /** The store id prefixing the keys read: the table's, or the index's. */
    public long storeId() {
        return index == null ? table.storeId() : index.storeId();
    }

    /** The key the key condition is matched to: the table's, or the index's. */
    public PrimaryKeySchema keySchema() {
        return index == null ? table.keySchema() : index.keySchema();
    }

    /**
     * The attributes of ExclusiveStartKey and LastEvaluatedKey, in order: the table's key, then for an
     * index its sort key (its partition key is the table's).
     */
    public List<String> startKeyAttributes() {
        List<String> names = new ArrayList<>(3);
        PrimaryKeySchema tableKey = table.keySchema();
        names.add(tableKey.partitionKey().name());
        if (tableKey.hasSortKey()) {
            names.add(tableKey.sortKey().name());
        }
        if (index != null && !names.contains(index.keySchema().sortKey().name())) {
            names.add(index.keySchema().sortKey().name());
        }
        return names;
    }

    /**
     * True when an item read from the index does not hold everything the request needs, so the table's
     * item must be read too (DynamoDB fetches it, at the cost of a table read per item): Select
     * ALL_ATTRIBUTES, or a projection or filter naming an attribute the index does not project.
     */
    public boolean fetchesFromTable(ReadRequest request) {
        if (index == null || IndexDefinition.ALL.equals(index.projectionType())) {
            return false;
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
