package io.dynamis.item.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.TableThroughput;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.StreamHistory;
import io.dynamis.core.table.TableDefinition;
import java.util.List;

/**
 * An UpdateTable request: what may change (billing mode, provisioned throughput, stream, table class,
 * deletion protection), validated as DynamoDB validates it, then applied to a table's definition on
 * the writer thread. {@code GlobalSecondaryIndexUpdates} may create a global index (it starts CREATING;
 * query-service backfills it and then makes it ACTIVE), change one's provisioned throughput (Update), or
 * delete one; replicas are refused by name until Dynamis has them.
 */
public final class UpdateTableRequest {

    private static final List<String> NOT_YET_SUPPORTED = List.of("ReplicaUpdates");

    private final String tableName;
    private final String billingMode;
    private final long[] throughput;
    private final ObjectNode streamSpecification;
    private final String tableClass;
    private final Boolean deletionProtection;
    private final ObjectNode sseSpecification;
    /** OnDemandThroughput and WarmThroughput as given (null when absent): kept with the table. */
    private ObjectNode onDemandThroughput;
    private ObjectNode warmThroughput;
    private List<IndexDefinitions.Declared> createIndexes = List.of();
    private List<String> deleteIndexes = List.of();
    /** Global indexes whose provisioned throughput changes: name to {read, write}. */
    private java.util.Map<String, long[]> indexThroughputs = java.util.Map.of();
    /** Global index name → its OnDemandThroughput, as given in an Update. */
    private java.util.Map<String, ObjectNode> indexOnDemand = java.util.Map.of();
    private List<io.dynamis.core.table.KeyAttribute> attributeDefinitions = List.of();

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

    /** True when this update creates or deletes a global index. */
    public boolean changesIndexes() {
        return !createIndexes.isEmpty() || !deleteIndexes.isEmpty();
    }

    public static UpdateTableRequest parse(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String name = request.requiredTableName();
        String billingMode = request.enumValue("BillingMode", "billingMode", TableDefinition.PROVISIONED,
                TableDefinition.PAY_PER_REQUEST);
        long[] throughput = CreateTableRequest.throughput(request);
        String tableClass = request.enumValue("TableClass", "tableClass", "STANDARD", "STANDARD_INFREQUENT_ACCESS");
        Boolean deletionProtection = request.bool("DeletionProtectionEnabled");
        ObjectNode stream = request.object("StreamSpecification");
        ObjectNode sse = SseSpecifications.read(request);
        ObjectNode onDemandThroughput = CreateTableRequest.onDemandThroughput(request);
        ObjectNode warmThroughput = CreateTableRequest.warmThroughput(request);
        com.fasterxml.jackson.databind.node.ArrayNode indexUpdates = request.list("GlobalSecondaryIndexUpdates");
        List<IndexDefinitions.Declared> creates = new java.util.ArrayList<>();
        List<String> deletes = new java.util.ArrayList<>();
        java.util.Map<String, long[]> throughputs = new java.util.LinkedHashMap<>();
        java.util.Map<String, ObjectNode> onDemands = new java.util.LinkedHashMap<>();
        if (indexUpdates != null) {
            ObjectNode createList = io.dynamis.core.json.Json.object();
            com.fasterxml.jackson.databind.node.ArrayNode createArray = createList.putArray("GlobalSecondaryIndexes");
            for (JsonNode update : indexUpdates) {
                int actions = (update.has("Create") ? 1 : 0) + (update.has("Update") ? 1 : 0)
                        + (update.has("Delete") ? 1 : 0);
                if (actions != 1) {
                    throw ApiError.validation("One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate"
                            + " actions Create, Update or Delete must be specified");
                }
                if (update.has("Create")) {
                    createArray.add(update.get("Create"));
                } else if (update.has("Update")) {
                    readThroughputUpdate(update.get("Update"), throughputs, onDemands);
                } else {
                    deletes.add(update.path("Delete").path("IndexName").asText());
                }
            }
            if (!createArray.isEmpty()) {
                RequestReader createReader = new RequestReader(createList);
                creates = IndexDefinitions.read(createReader, "GlobalSecondaryIndexes", true);
                createReader.validate();
            }
            if (creates.size() + deletes.size() > 1) {
                throw ApiError.limitExceeded("Subscriber limit exceeded: Only 1 online index can be created or deleted"
                        + " simultaneously per table");
            }
        }
        List<io.dynamis.core.table.KeyAttribute> definitions = new java.util.ArrayList<>();
        com.fasterxml.jackson.databind.node.ArrayNode definitionsJson = request.list("AttributeDefinitions");
        if (definitionsJson != null) {
            int i = 1;
            for (JsonNode element : definitionsJson) {
                definitions.add(CreateTableRequest.attributeDefinition(element, i++, request));
            }
        }
        request.validate();
        for (String member : NOT_YET_SUPPORTED) {
            if (request.has(member)) {
                throw ApiError.validation(member + " are not supported by Dynamis yet");
            }
        }
        if (billingMode == null && throughput == null && stream == null && tableClass == null
                && deletionProtection == null && sse == null && !request.has("AttributeDefinitions")
                && indexUpdates == null && onDemandThroughput == null && warmThroughput == null) {
            throw ApiError.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled,"
                    + " GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        if (StreamSpecifications.enables(stream)) {
            JsonNode viewType = stream.get("StreamViewType");
            if (viewType == null || !StreamSpecifications.VIEW_TYPES.contains(viewType.asText())) {
                throw StreamSpecifications.viewTypeRequired();
            }
        }
        UpdateTableRequest parsed = new UpdateTableRequest(name, billingMode, throughput, stream, tableClass,
                deletionProtection, sse);
        parsed.createIndexes = List.copyOf(creates);
        parsed.deleteIndexes = List.copyOf(deletes);
        parsed.indexThroughputs = java.util.Map.copyOf(throughputs);
        parsed.indexOnDemand = java.util.Map.copyOf(onDemands);
        parsed.attributeDefinitions = List.copyOf(definitions);
        parsed.onDemandThroughput = onDemandThroughput;
        parsed.warmThroughput = warmThroughput;
        return parsed;
    }

    /**
     * One GlobalSecondaryIndexUpdates Update: IndexName, and ProvisionedThroughput or OnDemandThroughput (one of
     * them required).
     */
    private static void readThroughputUpdate(JsonNode update, java.util.Map<String, long[]> throughputs,
            java.util.Map<String, ObjectNode> onDemands) {
        if (!update.isObject()) {
            throw ApiError.validation("GlobalSecondaryIndexUpdates Update must be an object");
        }
        RequestReader reader = new RequestReader((ObjectNode) update);
        String name = reader.string("IndexName");
        if (name == null) {
            reader.violation("Value null at 'globalSecondaryIndexUpdates.1.member.update.indexName' failed to satisfy"
                    + " constraint: Member must not be null");
        }
        ObjectNode onDemand = CreateTableRequest.onDemandThroughput(reader,
                "globalSecondaryIndexUpdates.1.member.update.onDemandThroughput");
        long[] throughput = CreateTableRequest.throughput(reader);
        if (throughput == null && onDemand == null) {
            reader.violation("Value null at 'globalSecondaryIndexUpdates.1.member.update.provisionedThroughput' failed"
                    + " to satisfy constraint: Member must not be null");
        }
        reader.validate();
        if (throughput != null) {
            throughputs.put(name, throughput);
        }
        if (onDemand != null) {
            onDemands.put(name, onDemand);
        }
    }

    /**
     * The table with the global indexes created (CREATING), given their new throughput, and deleted;
     * unchanged without index updates.
     */
    private TableDefinition applyIndexUpdates(TableDefinition table) {
        if (createIndexes.isEmpty() && deleteIndexes.isEmpty() && indexThroughputs.isEmpty() && indexOnDemand.isEmpty()) {
            return table;
        }
        ObjectNode extra = table.extra().deepCopy();
        List<IndexDefinition> indexes = new java.util.ArrayList<>(table.indexes());
        for (var update : indexOnDemand.entrySet()) {
            IndexDefinition index = table.index(update.getKey());
            if (index == null || !index.global()) {
                throw ApiError.resourceNotFound("Requested resource not found: Table: " + table.name() + " index: "
                        + update.getKey() + " not found");
            }
            TableThroughput.setIndexOnDemand(extra, index.name(), update.getValue());
        }
        for (var update : indexThroughputs.entrySet()) {
            IndexDefinition index = table.index(update.getKey());
            if (index == null || !index.global()) {
                throw ApiError.resourceNotFound("Requested resource not found: Table: " + table.name() + " index: "
                        + update.getKey() + " not found");
            }
            String mode = billingMode == null ? table.billingMode() : billingMode;
            if (TableDefinition.PAY_PER_REQUEST.equals(mode)) {
                throw ApiError.invalidParameter("ProvisionedThroughput should not be specified for index: "
                        + index.name() + " when BillingMode is PAY_PER_REQUEST");
            }
            long[] units = update.getValue();
            indexes.set(indexes.indexOf(index), index.withThroughput(units[0], units[1]));
        }
        for (String name : deleteIndexes) {
            IndexDefinition index = table.index(name);
            if (index == null || !index.global()) {
                throw ApiError.resourceNotFound("Requested resource not found: Table: " + table.name() + " index: "
                        + name + " not found");
            }
            indexes.remove(index);
            TableThroughput.setIndexOnDemand(extra, name, null);
        }
        List<io.dynamis.core.table.KeyAttribute> definitions = new java.util.ArrayList<>(table.attributeDefinitions());
        java.util.Map<String, io.dynamis.core.model.AttributeValue.Type> defined = new java.util.LinkedHashMap<>();
        table.attributeDefinitions().forEach(d -> defined.put(d.name(), d.type()));
        for (io.dynamis.core.table.KeyAttribute definition : attributeDefinitions) {
            io.dynamis.core.model.AttributeValue.Type known = defined.get(definition.name());
            if (known != null && known != definition.type()) {
                throw ApiError.invalidParameter("Cannot change the type of attribute " + definition.name()
                        + " from " + known + " to " + definition.type());
            }
            if (known == null) {
                defined.put(definition.name(), definition.type());
                definitions.add(definition);
            }
        }
        if (!createIndexes.isEmpty()) {
            for (IndexDefinitions.Declared create : createIndexes) {
                if (table.index(create.name()) != null) {
                    throw ApiError.invalidParameter("Attempting to create an index which already exists");
                }
            }
            for (IndexDefinition created : IndexDefinitions.resolve(null, createIndexes, table.keySchema(), defined,
                    table.billingMode())) {
                indexes.add(new IndexDefinition(created.name(), true, created.keySchema(), created.projectionType(),
                        created.nonKeyAttributes(), created.readCapacityUnits(), created.writeCapacityUnits(),
                        "CREATING"));
            }
            createIndexes.stream().filter(create -> create.onDemand() != null)
                    .forEach(create -> TableThroughput.setIndexOnDemand(extra, create.name(), create.onDemand()));
        }
        return new TableDefinition(table.name(), table.tableId(), table.storeId(), table.createdMillis(),
                table.keySchema(), definitions, table.billingMode(), table.readCapacityUnits(),
                table.writeCapacityUnits(), table.status(), extra, indexes);
    }

    /** The table after the update, or DynamoDB's error when the update does not fit the table as it is. */
    public TableDefinition applyTo(TableDefinition original, long nowMillis) {
        TableDefinition table = applyIndexUpdates(original);
        if (billingMode == null && throughput == null && streamSpecification == null && tableClass == null
                && deletionProtection == null && sseSpecification == null && onDemandThroughput == null
                && warmThroughput == null) {
            return table;
        }
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
        if (billingMode != null && !billingMode.equals(table.billingMode())) {
            table = withIndexCapacity(table, mode);
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
        if (onDemandThroughput != null) {
            ObjectNode merged = extra.has("OnDemandThroughput") ? (ObjectNode) extra.get("OnDemandThroughput").deepCopy()
                    : io.dynamis.core.json.Json.object();
            merged.setAll(onDemandThroughput);
            extra.set("OnDemandThroughput", merged);
        }
        if (warmThroughput != null) {
            extra.set("WarmThroughput", warmThroughput);
        }
        return table.withCapacity(mode, read, write).withExtra(extra);
    }

    /**
     * The global indexes after the table's billing mode changed: on demand, they have no provisioned
     * throughput; provisioned, each existing one must have been given its throughput in this request.
     */
    private TableDefinition withIndexCapacity(TableDefinition table, String mode) {
        List<IndexDefinition> indexes = new java.util.ArrayList<>();
        for (IndexDefinition index : table.indexes()) {
            if (index.global() && TableDefinition.PAY_PER_REQUEST.equals(mode)) {
                indexes.add(index.withThroughput(0, 0));
                continue;
            }
            if (index.global() && !indexThroughputs.containsKey(index.name())
                    && createIndexes.stream().noneMatch(created -> created.name().equals(index.name()))) {
                throw ApiError.invalidParameter("ProvisionedThroughput must be specified for index: " + index.name());
            }
            indexes.add(index);
        }
        return table.withIndexes(indexes);
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
            StreamHistory.enable(extra, streamSpecification.path("StreamViewType").asText(), nowMillis);
        } else {
            StreamHistory.disable(extra, nowMillis);
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
