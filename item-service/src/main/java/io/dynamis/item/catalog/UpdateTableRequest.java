package io.dynamis.item.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import java.util.List;
import java.util.Set;

/**
 * An UpdateTable request: what may change (billing mode, provisioned throughput, stream, table class,
 * deletion protection), validated as DynamoDB validates it, then applied to a table's definition on
 * the writer thread. Index changes ({@code GlobalSecondaryIndexUpdates}) and replicas are refused
 * by name until Dynamis has them.
 */
public final class UpdateTableRequest {

    private static final List<String> NOT_YET_SUPPORTED = List.of("GlobalSecondaryIndexUpdates", "ReplicaUpdates");
    private static final Set<String> STREAM_VIEW_TYPES = Set.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY");

    private final String tableName;
    private final String billingMode;
    private final long[] throughput;
    private final ObjectNode streamSpecification;
    private final String tableClass;
    private final Boolean deletionProtection;
    private final ObjectNode sseSpecification;

    private UpdateTableRequest(String tableName, String billingMode, long[] throughput, ObjectNode streamSpecification,
            String tableClass, Boolean deletionProtection, ObjectNode sseSpecification) {
        this.tableName = tableName;
        this.billingMode = billingMode;
        this.throughput = throughput;
        this.streamSpecification = streamSpecification;
        this.tableClass = tableClass;
        this.deletionProtection = deletionProtection;
        this.sseSpecification = sseSpecification;
    }

    public String tableName() {
        return tableName;
    }

    public static UpdateTableRequest parse(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String name = request.tableNameOfTableOperation();
        String billingMode = request.enumValue("BillingMode", "billingMode", TableDefinition.PROVISIONED,
                TableDefinition.PAY_PER_REQUEST);
        long[] throughput = CreateTableRequest.throughput(request);
        String tableClass = request.enumValue("TableClass", "tableClass", "STANDARD", "STANDARD_INFREQUENT_ACCESS");
        Boolean deletionProtection = request.bool("DeletionProtectionEnabled");
        ObjectNode stream = request.object("StreamSpecification");
        ObjectNode sse = request.object("SSESpecification");
        request.validate();
        for (String member : NOT_YET_SUPPORTED) {
            if (request.has(member)) {
                throw ApiError.validation(member + " are not supported by Dynamis yet");
            }
        }
        if (billingMode == null && throughput == null && stream == null && tableClass == null
                && deletionProtection == null && sse == null && !request.has("AttributeDefinitions")) {
            throw ApiError.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled,"
                    + " GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        if (stream != null) {
            boolean enabled = stream.path("StreamEnabled").asBoolean(false);
            JsonNode viewType = stream.get("StreamViewType");
            if (enabled && (viewType == null || !STREAM_VIEW_TYPES.contains(viewType.asText()))) {
                throw ApiError.validation("One or more parameter values were invalid: StreamViewType is required"
                        + " when StreamEnabled is true");
            }
        }
        return new UpdateTableRequest(name, billingMode, throughput, stream, tableClass, deletionProtection, sse);
    }

    /** The table after the update, or DynamoDB's error when the update does not fit the table as it is. */
    public TableDefinition applyTo(TableDefinition table, long nowMillis) {
        ObjectNode extra = table.extra().deepCopy();
        String mode = billingMode == null ? table.billingMode() : billingMode;
        long read = table.readCapacityUnits();
        long write = table.writeCapacityUnits();
        if (mode.equals(TableDefinition.PAY_PER_REQUEST)) {
            if (throughput != null) {
                throw ApiError.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when"
                        + " BillingMode is PAY_PER_REQUEST");
            }
            read = 0;
            write = 0;
        } else if (throughput == null) {
            if (!table.billingMode().equals(TableDefinition.PROVISIONED)) {
                throw ApiError.invalidParameter("ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
            }
        } else {
            if (table.billingMode().equals(TableDefinition.PROVISIONED) && throughput[0] == read && throughput[1] == write
                    && billingMode == null && streamSpecification == null && tableClass == null
                    && deletionProtection == null && sseSpecification == null) {
                throw ApiError.validation("The provisioned throughput for the table will not change. The requested value"
                        + " equals the current value. Current ReadCapacityUnits provisioned for the table: " + read
                        + ". Requested ReadCapacityUnits: " + throughput[0] + ". Current WriteCapacityUnits provisioned"
                        + " for the table: " + write + ". Requested WriteCapacityUnits: " + throughput[1] + ". Refer to"
                        + " the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
            }
            recordChange(extra, read, write, throughput, nowMillis);
            read = throughput[0];
            write = throughput[1];
        }
        if (billingMode != null && !billingMode.equals(table.billingMode()) && mode.equals(TableDefinition.PAY_PER_REQUEST)) {
            extra.put("LastUpdateToPayPerRequest", nowMillis);
        }
        if (streamSpecification != null) {
            applyStream(table, extra, nowMillis);
        }
        if (tableClass != null) {
            extra.put("TableClass", tableClass);
        }
        if (deletionProtection != null) {
            extra.put("DeletionProtectionEnabled", deletionProtection);
        }
        if (sseSpecification != null) {
            extra.set("SSESpecification", sseSpecification);
        }
        return table.withCapacity(mode, read, write).withExtra(extra);
    }

    private void applyStream(TableDefinition table, ObjectNode extra, long nowMillis) {
        boolean enable = streamSpecification.path("StreamEnabled").asBoolean(false);
        boolean enabled = table.extra().path("StreamSpecification").path("StreamEnabled").asBoolean(false);
        if (enable && enabled) {
            throw ApiError.validation("Table already has an enabled stream: TableName: " + table.name());
        }
        if (!enable && !enabled) {
            throw ApiError.validation("Table does not have an enabled stream: TableName: " + table.name());
        }
        extra.set("StreamSpecification", streamSpecification);
        if (enable) {
            extra.put(TableDescriptions.STREAM_LABEL, TableDescriptions.streamLabel(nowMillis));
        }
    }

    private static void recordChange(ObjectNode extra, long read, long write, long[] to, long nowMillis) {
        if (to[0] > read || to[1] > write) {
            extra.put("LastIncreaseDateTime", nowMillis);
        }
        if (to[0] < read || to[1] < write) {
            extra.put("LastDecreaseDateTime", nowMillis);
            long today = nowMillis / 86_400_000L;
            int count = extra.path("DecreasesDay").asLong(-1) == today ? extra.path("NumberOfDecreasesToday").asInt(0) : 0;
            extra.put("DecreasesDay", today);
            extra.put("NumberOfDecreasesToday", count + 1);
        }
    }
}
