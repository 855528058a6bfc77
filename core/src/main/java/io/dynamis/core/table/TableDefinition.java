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
 * @param extra         request parts kept verbatim for later features (indexes, stream, tags, ...)
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
        ObjectNode extra) {

    public static final String PROVISIONED = "PROVISIONED";
    public static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";

    /** The same table with other capacity settings. */
    public TableDefinition withCapacity(String newBillingMode, long newReadUnits, long newWriteUnits) {
        return new TableDefinition(name, tableId, storeId, createdMillis, keySchema, attributeDefinitions, newBillingMode,
                newReadUnits, newWriteUnits, status, extra);
    }

    /** The same table with other kept request parts (time to live, tags, ...). */
    public TableDefinition withExtra(ObjectNode newExtra) {
        return new TableDefinition(name, tableId, storeId, createdMillis, keySchema, attributeDefinitions, billingMode,
                readCapacityUnits, writeCapacityUnits, status, newExtra);
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
