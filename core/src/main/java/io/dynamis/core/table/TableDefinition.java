package io.dynamis.core.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A table as the catalog stores it: identity, key schema, attribute definitions, capacity settings and
 * state. It is what every service needs to know about a table; item-service owns it.
 *
 * @param name          the table name
 * @param tableId       a UUID, new for every table created (a table re-created under the same name is
 *                      another table)
 * @param storeId       the number that prefixes the table's keys in storage
 * @param createdMillis creation time, epoch milliseconds
 * @param keySchema     the primary key
 * @param attributeDefinitions every attribute definition given at creation, in request order
 * @param billingMode   PROVISIONED or PAY_PER_REQUEST
 * @param readCapacityUnits  provisioned read capacity (0 for on-demand)
 * @param writeCapacityUnits provisioned write capacity (0 for on-demand)
 * @param status        CREATING, ACTIVE, UPDATING or DELETING
 * @param extra         request parts kept verbatim for later features (stream, tags, time to live, ...)
 * @param indexes       the secondary indexes, local and global, in declaration order
 */
public record TableDefinition(
        String name,
        String tableId,
        long storeId,
        long createdMillis,
        PrimaryKeySchema keySchema,
        List<KeyAttribute> attributeDefinitions,
        String billingMode,
        long readCapacityUnits,
        long writeCapacityUnits,
        String status,
        ObjectNode extra,
        List<IndexDefinition> indexes) {

    public TableDefinition {
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
    }

    public static final String PROVISIONED = "PROVISIONED";
    public static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";

    /** The same table with other capacity settings. */
    public TableDefinition withCapacity(String newBillingMode, long newReadUnits, long newWriteUnits) {
        return new TableDefinition(name, tableId, storeId, createdMillis, keySchema, attributeDefinitions, newBillingMode,
                newReadUnits, newWriteUnits, status, extra, indexes);
    }

    /** The same table in another state (CREATING, ACTIVE, ...). */
    public TableDefinition withStatus(String newStatus) {
        return new TableDefinition(name, tableId, storeId, createdMillis, keySchema, attributeDefinitions, billingMode,
                readCapacityUnits, writeCapacityUnits, newStatus, extra, indexes);
    }

    /** The same table with other kept request parts (time to live, tags, ...). */
    public TableDefinition withExtra(ObjectNode newExtra) {
        return new TableDefinition(name, tableId, storeId, createdMillis, keySchema, attributeDefinitions, billingMode,
                readCapacityUnits, writeCapacityUnits, status, newExtra, indexes);
    }

    /** The same table with other secondary indexes. */
    public TableDefinition withIndexes(List<IndexDefinition> newIndexes) {
        return new TableDefinition(name, tableId, storeId, createdMillis, keySchema, attributeDefinitions, billingMode,
                readCapacityUnits, writeCapacityUnits, status, extra, newIndexes);
    }

    /** The index of that name, or null. */
    public IndexDefinition index(String indexName) {
        for (IndexDefinition index : indexes) {
            if (index.name().equals(indexName)) {
                return index;
            }
        }
        return null;
    }

    /** The type an attribute was declared with in AttributeDefinitions, or null when it was not declared. */
    public io.dynamis.core.model.AttributeValue.Type definedType(String attribute) {
        for (KeyAttribute definition : attributeDefinitions) {
            if (definition.name().equals(attribute)) {
                return definition.type();
            }
        }
        return null;
    }

    /** True when DeleteTable must refuse the table. */
    public boolean deletionProtectionEnabled() {
        return extra != null && extra.path("DeletionProtectionEnabled").asBoolean(false);
    }

    /** The attribute holding items' expiry times when time to live is enabled, else null. */
    public String timeToLiveAttribute() {
        var spec = extra == null ? null : extra.get("TimeToLiveSpecification");
        if (spec == null || !spec.path("Enabled").asBoolean(false)) {
            return null;
        }
        return spec.path("AttributeName").asText(null);
    }
}
