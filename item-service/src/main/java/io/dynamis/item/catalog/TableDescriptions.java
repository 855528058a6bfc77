package io.dynamis.item.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.TableThroughput;
import io.dynamis.core.json.Json;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.config.ItemServiceConfig;
import io.dynamis.item.storage.ItemStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;

/** Renders a table as DynamoDB's {@code TableDescription}, the shape CreateTable, DescribeTable and DeleteTable return. */
@ApplicationScoped
public class TableDescriptions {

    private final ItemStore store;
    private final String arnPrefix;

    public TableDescriptions(ItemStore store, ItemServiceConfig config) {
        this.store = store;
        this.arnPrefix = "arn:aws:dynamodb:" + config.region() + ":" + config.accountId() + ":table/";
    }

    /** What every table ARN of this service starts with: {@code arn:aws:dynamodb:<region>:<account>:table/}. */
    public String arnPrefix() {
        return arnPrefix;
    }

    /**
     * The table an ARN names (checked as DynamoDB checks it), or DynamoDB's error: not an ARN, an ARN of
     * another service, and a DynamoDB ARN of something else than a table or stream each have their words.
     */
    public TableDefinition requireByArn(TableCatalog catalog, String arn) {
        if (!arn.startsWith("arn:")) {
            throw io.dynamis.core.error.ApiError.invalidParameter("ARNs must start with 'arn:': " + arn);
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("dynamodb")) {
            throw io.dynamis.core.error.ApiError.invalidParameter("Provided Arn is not a DynamoDB resource arn: " + arn);
        }
        if (!parts[5].startsWith("table/") || parts[5].contains("/index/")) {
            throw io.dynamis.core.error.ApiError.invalidParameter("Invalid resource arn provided, only table or stream is"
                    + " accepted. Provided resource arn: " + arn);
        }
        if (!arn.startsWith("arn:aws:dynamodb:") || !arn.contains(":table/")) {
            throw io.dynamis.core.error.ApiError.validation("Invalid TableArn: Invalid ResourceArn provided as input "
                    + arn);
        }
        return catalog.requireByArn(arn, arnPrefix);
    }

    public String arn(String tableName) {
        return arnPrefix + tableName;
    }

    /** The description; an ACTIVE table shows UPDATING while one of its global indexes is being backfilled, as in DynamoDB. */
    public ObjectNode describe(TableDefinition table) {
        boolean backfilling = table.indexes().stream().anyMatch(i -> i.global() && "CREATING".equals(i.status()));
        return describe(table, backfilling && "ACTIVE".equals(table.status()) ? "UPDATING" : table.status());
    }

    /**
     * The members of DeleteTable's TableDescription, in DynamoDB's order. DynamoDB answers DeleteTable with
     * fewer members than DescribeTable: no key schema, attribute definitions, creation time or indexes (its
     * API reference's example answer has TableName, TableStatus, ProvisionedThroughput, TableSizeBytes and
     * ItemCount; observed answers add TableArn, TableId and, for an on-demand table, BillingModeSummary).
     */
    private static final List<String> DELETED_MEMBERS = List.of("TableName", "TableStatus", "ProvisionedThroughput",
            "TableSizeBytes", "ItemCount", "TableArn", "TableId", "BillingModeSummary");

    /** DeleteTable's description of the table it deleted: DELETING, with DeleteTable's members only. */
    public ObjectNode describeDeleted(TableDefinition table) {
        ObjectNode full = describe(table, "DELETING");
        ObjectNode d = Json.object();
        for (String member : DELETED_MEMBERS) {
            if (full.has(member)) {
                d.set(member, full.get(member));
            }
        }
        return d;
    }

    public ObjectNode describe(TableDefinition table, String status) {
        ObjectNode d = Json.object();
        ArrayNode definitions = d.putArray("AttributeDefinitions");
        for (KeyAttribute a : table.attributeDefinitions()) {
            definitions.addObject().put("AttributeName", a.name()).put("AttributeType", a.type().name());
        }
        d.put("TableName", table.name());
        table.keySchema().describeInto(d.putArray("KeySchema"));
        d.put("TableStatus", status);
        d.put("CreationDateTime", epochSeconds(table.createdMillis()));
        ObjectNode throughput = d.putObject("ProvisionedThroughput");
        for (String when : new String[] {"LastIncreaseDateTime", "LastDecreaseDateTime"}) {
            if (table.extra().has(when)) {
                throughput.put(when, epochSeconds(table.extra().get(when).asLong()));
            }
        }
        boolean decreasedToday = table.extra().path("DecreasesDay").asLong(-1)
                == System.currentTimeMillis() / 86_400_000L;
        throughput.put("NumberOfDecreasesToday", decreasedToday ? table.extra().path("NumberOfDecreasesToday").asInt(0) : 0)
                .put("ReadCapacityUnits", table.readCapacityUnits())
                .put("WriteCapacityUnits", table.writeCapacityUnits());
        long[] stats = store.stats(table.storeId());
        d.put("TableSizeBytes", stats[1]);
        d.put("ItemCount", stats[0]);
        d.put("TableArn", arn(table.name()));
        d.put("TableId", table.tableId());
        if (TableDefinition.PAY_PER_REQUEST.equals(table.billingMode())) {
            d.putObject("BillingModeSummary")
                    .put("BillingMode", table.billingMode())
                    .put("LastUpdateToPayPerRequestDateTime", epochSeconds(
                            table.extra().path("LastUpdateToPayPerRequest").asLong(table.createdMillis())));
        }
        JsonNode onDemandThroughput = table.extra().get("OnDemandThroughput");
        if (onDemandThroughput != null && onDemandThroughput.isObject()) {
            d.putObject("OnDemandThroughput")
                    .put("MaxReadRequestUnits", onDemandThroughput.path("MaxReadRequestUnits").asLong(-1))
                    .put("MaxWriteRequestUnits", onDemandThroughput.path("MaxWriteRequestUnits").asLong(-1));
        }
        d.putObject("WarmThroughput").put("ReadUnitsPerSecond", TableThroughput.warmRead(table))
                .put("WriteUnitsPerSecond", TableThroughput.warmWrite(table)).put("Status", "ACTIVE");
        JsonNode tableClass = table.extra().get("TableClass");
        if (tableClass != null && tableClass.isTextual()) {
            d.putObject("TableClassSummary").put("TableClass", tableClass.textValue());
        }
        describeIndexes(table, d);
        describeStream(table, d);
        JsonNode sse = table.extra().get("SSESpecification");
        if (sse != null && sse.path("Enabled").asBoolean(false)) {
            d.putObject("SSEDescription").put("Status", "ENABLED").put("SSEType", sse.path("SSEType").asText("KMS"))
                    .put("KMSMasterKeyArn", sse.path("KMSMasterKeyId").asText(
                            "arn:aws:kms:" + arnPrefix.split(":")[3] + ":" + arnPrefix.split(":")[4] + ":key/dynamis"));
        }
        d.put("DeletionProtectionEnabled", table.deletionProtectionEnabled());
        JsonNode restore = table.extra().get(RESTORE_SUMMARY);
        if (restore != null) {
            ObjectNode summary = d.putObject(RESTORE_SUMMARY);
            for (String arn : new String[] {"SourceBackupArn", "SourceTableArn"}) {
                if (restore.hasNonNull(arn)) {
                    summary.put(arn, restore.get(arn).asText());
                }
            }
            summary.put("RestoreDateTime", epochSeconds(restore.path("RestoreDateTimeMillis").asLong()));
            summary.put("RestoreInProgress", restore.path("RestoreInProgress").asBoolean(false));
        }
        return d;
    }

    /** Where a restored table keeps its RestoreSummary (set by backup-service's restore). */
    public static final String RESTORE_SUMMARY = "RestoreSummary";

    /** Where a table keeps the label of its current stream (set when a stream is enabled). */
    public static final String STREAM_LABEL = io.dynamis.core.table.StreamHistory.LATEST_LABEL;

    /**
     * LocalSecondaryIndexes and GlobalSecondaryIndexes in DynamoDB's shape. A local index's item count and
     * size are exact (kept with its entries, in the same commit); a global index's are 0 until global
     * indexes are maintained.
     */
    private void describeIndexes(TableDefinition table, ObjectNode d) {
        ArrayNode local = null;
        ArrayNode global = null;
        for (IndexDefinition index : table.indexes()) {
            ObjectNode i;
            if (index.global()) {
                global = global == null ? d.putArray("GlobalSecondaryIndexes") : global;
                i = global.addObject();
            } else {
                local = local == null ? d.putArray("LocalSecondaryIndexes") : local;
                i = local.addObject();
            }
            i.put("IndexName", index.name());
            index.keySchema().describeInto(i.putArray("KeySchema"));
            ObjectNode projection = i.putObject("Projection").put("ProjectionType", index.projectionType());
            if (!index.nonKeyAttributes().isEmpty()) {
                ArrayNode attributes = projection.putArray("NonKeyAttributes");
                index.nonKeyAttributes().forEach(attributes::add);
            }
            if (index.global()) {
                i.put("IndexStatus", index.status());
                i.putObject("ProvisionedThroughput").put("NumberOfDecreasesToday", 0)
                        .put("ReadCapacityUnits", index.readCapacityUnits())
                        .put("WriteCapacityUnits", index.writeCapacityUnits());
                i.putObject("WarmThroughput")
                        .put("ReadUnitsPerSecond", Math.max(TableThroughput.DEFAULT_WARM_READ, index.readCapacityUnits()))
                        .put("WriteUnitsPerSecond", Math.max(TableThroughput.DEFAULT_WARM_WRITE,
                                index.writeCapacityUnits()))
                        .put("Status", index.status());
                JsonNode onDemand = TableThroughput.indexOnDemand(table, index.name());
                if (onDemand != null) {
                    i.putObject("OnDemandThroughput")
                            .put("MaxReadRequestUnits", onDemand.path("MaxReadRequestUnits").asLong(-1))
                            .put("MaxWriteRequestUnits", onDemand.path("MaxWriteRequestUnits").asLong(-1));
                }
            }
            long[] indexStats = index.global() ? new long[2] : store.stats(index.storeId());
            i.put("IndexSizeBytes", indexStats[1]);
            i.put("ItemCount", indexStats[0]);
            i.put("IndexArn", arn(table.name()) + "/index/" + index.name());
        }
    }

    private void describeStream(TableDefinition table, ObjectNode d) {
        JsonNode spec = table.extra().get("StreamSpecification");
        if (spec != null && spec.path("StreamEnabled").asBoolean(false)) {
            d.putObject("StreamSpecification").put("StreamEnabled", true)
                    .put("StreamViewType", spec.path("StreamViewType").asText());
        }
        JsonNode label = table.extra().get(STREAM_LABEL);
        if (label != null) {
            d.put("LatestStreamLabel", label.asText());
            d.put("LatestStreamArn", arn(table.name()) + "/stream/" + label.asText());
        }
    }

    /** DynamoDB's timestamps: epoch seconds with a fraction. */
    static BigDecimal epochSeconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }
}
