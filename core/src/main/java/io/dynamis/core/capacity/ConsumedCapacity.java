package io.dynamis.core.capacity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.RequestReader;

/**
 * DynamoDB's capacity-unit math and the {@code ConsumedCapacity} it reports.
 *
 * <p>A write costs one unit per started kilobyte of the larger of the old and new item; a strongly
 * consistent read one unit per started 4 KB, an eventually consistent read half of that; a read of
 * nothing still costs the minimum. Transactional operations cost double.
 */
public final class ConsumedCapacity {

    public static final String NONE = "NONE";
    public static final String TOTAL = "TOTAL";
    public static final String INDEXES = "INDEXES";

    private ConsumedCapacity() {
    }

    public static double writeUnits(long itemBytes) {
        return Math.max(1, (itemBytes + 1023) / 1024);
    }

    public static double readUnits(long itemBytes, boolean consistent) {
        double units = Math.max(1, (itemBytes + 4095) / 4096);
        return consistent ? units : units / 2;
    }

    /** Reads the ReturnConsumedCapacity member (NONE when absent), recording a bad value as a violation. */
    public static String mode(RequestReader request) {
        String value = request.enumValue("ReturnConsumedCapacity", "returnConsumedCapacity", INDEXES, TOTAL, NONE);
        return value == null ? NONE : value;
    }

    /** Adds {@code ConsumedCapacity} to a response when the mode asks for it. */
    public static void report(ObjectNode response, String mode, String tableName, double units) {
        if (!NONE.equals(mode)) {
            response.set("ConsumedCapacity", entry(mode, tableName, units));
        }
    }

    /**
     * Adds {@code ConsumedCapacity} as a list with one entry per table (batches and transactions), in
     * the order given, when the mode asks for it.
     */
    public static void reportEach(ObjectNode response, String mode, java.util.Map<String, Double> unitsByTable) {
        if (NONE.equals(mode)) {
            return;
        }
        com.fasterxml.jackson.databind.node.ArrayNode list = response.putArray("ConsumedCapacity");
        unitsByTable.forEach((table, units) -> list.add(entry(mode, table, units)));
    }

    /**
     * Adds {@code ConsumedCapacity} for a read of a secondary index: the index's units plus the table's
     * (the items fetched from it, for a local index; none for a global one); in INDEXES mode, the two
     * apart, the index under LocalSecondaryIndexes or GlobalSecondaryIndexes.
     */
    public static void reportIndexRead(ObjectNode response, String mode, String tableName, String indexName,
            boolean global, double tableUnits, double indexUnits) {
        if (NONE.equals(mode)) {
            return;
        }
        ObjectNode capacity = response.putObject("ConsumedCapacity");
        capacity.put("TableName", tableName);
        capacity.put("CapacityUnits", tableUnits + indexUnits);
        if (INDEXES.equals(mode)) {
            capacity.putObject("Table").put("CapacityUnits", tableUnits);
            capacity.putObject(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes").putObject(indexName)
                    .put("CapacityUnits", indexUnits);
        }
    }

    private static ObjectNode entry(String mode, String tableName, double units) {
        ObjectNode capacity = Json.object();
        capacity.put("TableName", tableName);
        capacity.put("CapacityUnits", units);
        if (INDEXES.equals(mode)) {
            capacity.putObject("Table").put("CapacityUnits", units);
        }
        return capacity;
    }
}
