package io.dynamis.backup.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.client.TableShapes;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.TableDefinition;
import java.util.HashSet;
import java.util.Set;

/**
 * The CreateTable request of a restore's target table: the source's key schema, attribute definitions,
 * billing, local and global indexes, each replaced by its override when the restore request has one
 * (BillingModeOverride, ProvisionedThroughputOverride, GlobalSecondaryIndexOverride,
 * LocalSecondaryIndexOverride, SSESpecificationOverride). As in DynamoDB, the stream, time to live and
 * tags are not restored. item-service validates the result as it validates any CreateTable.
 */
final class RestoreTargets {

    private RestoreTargets() {
    }

    static ObjectNode createTable(String targetName, TableDefinition source, RequestReader overrides) {
        ObjectNode create = Json.object();
        create.put("TableName", targetName);
        ArrayNode keySchema = create.putArray("KeySchema");
        TableShapes.keySchema(source.keySchema(), keySchema);
        String billing = overrides.has("BillingModeOverride") ? overrides.string("BillingModeOverride") : source.billingMode();
        create.put("BillingMode", billing);
        if (TableDefinition.PROVISIONED.equals(billing)) {
            if (overrides.has("ProvisionedThroughputOverride")) {
                create.set("ProvisionedThroughput", overrides.json().get("ProvisionedThroughputOverride"));
            } else {
                create.putObject("ProvisionedThroughput")
                        .put("ReadCapacityUnits", Math.max(1, source.readCapacityUnits()))
                        .put("WriteCapacityUnits", Math.max(1, source.writeCapacityUnits()));
            }
        }
        JsonNode globals = overrides.has("GlobalSecondaryIndexOverride")
                ? overrides.json().get("GlobalSecondaryIndexOverride") : indexes(source, true, billing);
        JsonNode locals = overrides.has("LocalSecondaryIndexOverride")
                ? overrides.json().get("LocalSecondaryIndexOverride") : indexes(source, false, billing);
        if (globals != null && !globals.isEmpty()) {
            create.set("GlobalSecondaryIndexes", globals);
        }
        if (locals != null && !locals.isEmpty()) {
            create.set("LocalSecondaryIndexes", locals);
        }
        Set<String> used = new HashSet<>();
        used.add(source.keySchema().partitionKey().name());
        if (source.keySchema().hasSortKey()) {
            used.add(source.keySchema().sortKey().name());
        }
        for (JsonNode indexes : new JsonNode[] {globals, locals}) {
            if (indexes != null) {
                indexes.forEach(index -> index.path("KeySchema").forEach(k -> used.add(k.path("AttributeName").asText())));
            }
        }
        ArrayNode definitions = create.putArray("AttributeDefinitions");
        for (KeyAttribute attribute : source.attributeDefinitions()) {
            if (used.contains(attribute.name())) {
                definitions.addObject().put("AttributeName", attribute.name()).put("AttributeType", attribute.type().name());
            }
        }
        if (overrides.has("SSESpecificationOverride")) {
            create.set("SSESpecification", overrides.json().get("SSESpecificationOverride"));
        } else if (source.extra() != null && source.extra().has("SSESpecification")) {
            create.set("SSESpecification", source.extra().get("SSESpecification"));
        }
        if (source.extra() != null && source.extra().has("TableClass")) {
            create.set("TableClass", source.extra().get("TableClass"));
        }
        return create;
    }

    private static ArrayNode indexes(TableDefinition source, boolean global, String billing) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (IndexDefinition index : source.indexes()) {
            if (index.global() != global) {
                continue;
            }
            ObjectNode i = TableShapes.index(index, list.addObject());
            if (global && TableDefinition.PROVISIONED.equals(billing)) {
                i.putObject("ProvisionedThroughput")
                        .put("ReadCapacityUnits", Math.max(1, index.readCapacityUnits()))
                        .put("WriteCapacityUnits", Math.max(1, index.writeCapacityUnits()));
            }
        }
        return list;
    }
}
