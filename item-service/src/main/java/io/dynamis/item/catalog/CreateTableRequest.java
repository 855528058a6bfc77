package io.dynamis.item.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.TableThroughput;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.StreamHistory;
import io.dynamis.core.table.TableDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A CreateTable request, validated the way DynamoDB does it: first the members' constraints (all
 * reported together), then the billing mode and throughput, then the key schema, then that the
 * attribute definitions cover exactly the key attributes.
 */
public final class CreateTableRequest {

    /** Members kept verbatim with the table for the features that will use them. */
    private static final List<String> KEPT = List.of("StreamSpecification", "SSESpecification", "TableClass",
            "DeletionProtectionEnabled", "Tags", "OnDemandThroughput", "WarmThroughput");

    private CreateTableRequest() {
    }

    /**
     * The OnDemandThroughput member (null when absent): MaxReadRequestUnits and MaxWriteRequestUnits, each
     * -1 (no maximum) or a positive number of units a second; a bad value is recorded as a violation.
     */
    static ObjectNode onDemandThroughput(RequestReader request) {
        return onDemandThroughput(request, "onDemandThroughput");
    }

    /** {@link #onDemandThroughput(RequestReader)} of an index, its violations reported under {@code path}. */
    static ObjectNode onDemandThroughput(RequestReader request, String path) {
        return units(request, "OnDemandThroughput", path, "MaxReadRequestUnits", "MaxWriteRequestUnits", true);
    }

    /** The WarmThroughput member (null when absent): ReadUnitsPerSecond and WriteUnitsPerSecond, each at least 1. */
    static ObjectNode warmThroughput(RequestReader request) {
        return units(request, "WarmThroughput", "warmThroughput", "ReadUnitsPerSecond", "WriteUnitsPerSecond", false);
    }

    private static ObjectNode units(RequestReader request, String member, String path, String read, String write,
            boolean minusOneMeansNone) {
        ObjectNode value = request.object(member);
        if (value == null) {
            return null;
        }
        ObjectNode units = Json.object();
        for (String name : new String[] {read, write}) {
            JsonNode unit = value.get(name);
            if (unit == null || unit.isNull()) {
                continue;
            }
            long n = unit.canConvertToLong() ? unit.asLong() : 0;
            if (!unit.isIntegralNumber() || (n < 1 && !(minusOneMeansNone && n == -1))) {
                request.violation("Value '" + unit.asText() + "' at '" + path + "."
                        + Character.toLowerCase(name.charAt(0)) + name.substring(1) + "' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to " + (minusOneMeansNone ? "-1" : "1"));
                continue;
            }
            units.put(name, n);
        }
        return units;
    }

    public static TableDefinition parse(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        ArrayNode definitionsJson = request.list("AttributeDefinitions");
        List<KeyAttribute> definitions = new ArrayList<>();
        if (definitionsJson == null) {
            request.violation("Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null");
        } else {
            int i = 1;
            for (JsonNode element : definitionsJson) {
                definitions.add(attributeDefinition(element, i++, request));
            }
        }
        String name = request.requiredTableName();
        ArrayNode keySchemaJson = request.list("KeySchema");
        List<String[]> keySchema = new ArrayList<>();
        if (keySchemaJson == null) {
            request.violation("Value null at 'keySchema' failed to satisfy constraint: Member must not be null");
        } else {
            int i = 1;
            for (JsonNode element : keySchemaJson) {
                keySchema.add(keySchemaElement(element, i++, request));
            }
            if (keySchemaJson.size() > 2) {
                request.violation("Value '" + keySchemaJson + "' at 'keySchema' failed to satisfy constraint:"
                        + " Member must have length less than or equal to 2");
            } else if (keySchemaJson.isEmpty()) {
                request.violation("Value '[]' at 'keySchema' failed to satisfy constraint:"
                        + " Member must have length greater than or equal to 1");
            }
        }
        String billingMode = request.string("BillingMode");
        if (billingMode != null && !billingMode.equals(TableDefinition.PROVISIONED)
                && !billingMode.equals(TableDefinition.PAY_PER_REQUEST)) {
            request.violation("Value '" + billingMode + "' at 'billingMode' failed to satisfy constraint:"
                    + " Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
        }
        long[] throughput = throughput(request);
        StreamSpecifications.checkViewType(request);
        onDemandThroughput(request);
        warmThroughput(request);
        SseSpecifications.read(request);
        request.enumValue("TableClass", "tableClass", "STANDARD", "STANDARD_INFREQUENT_ACCESS");
        java.util.Map<String, String> tags = request.has("Tags") ? TableTags.read(request) : null;
        String resourcePolicy = request.string("ResourcePolicy");
        List<IndexDefinitions.Declared> local = IndexDefinitions.read(request, "LocalSecondaryIndexes", false);
        List<IndexDefinitions.Declared> global = IndexDefinitions.read(request, "GlobalSecondaryIndexes", true);
        request.validate();
        if (tags != null) {
            TableTags.checkCharacters(tags);
            TableTags.rejectReserved(List.copyOf(tags.keySet()));
            TableTags.checkCount(tags);
        }
        if (resourcePolicy != null) {
            ResourcePolicies.checkDocument(resourcePolicy);
        }
        JsonNode stream = request.json().get("StreamSpecification");
        if (StreamSpecifications.enables(stream) && !stream.has("StreamViewType")) {
            throw StreamSpecifications.viewTypeRequired();
        }
        if (billingMode == null) {
            billingMode = TableDefinition.PROVISIONED;
        }
        if (billingMode.equals(TableDefinition.PROVISIONED) && throughput == null) {
            throw ApiError.invalidParameter(
                    "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        if (billingMode.equals(TableDefinition.PAY_PER_REQUEST) && throughput != null) {
            throw ApiError.invalidParameter(
                    "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }

        Map<String, AttributeValue.Type> defined = defined(definitions);
        boolean hasIndexes = local != null || global != null;
        PrimaryKeySchema key = primaryKey(keySchema, defined, hasIndexes);
        List<IndexDefinition> indexes = IndexDefinitions.resolve(local, global, key, defined, billingMode);
        if (hasIndexes) {
            IndexDefinitions.checkDefinitionsUsed(defined, key, indexes);
        }

        ObjectNode extra = Json.object();
        for (String member : KEPT) {
            if (request.has(member)) {
                extra.set(member, json.get(member));
            }
        }
        long now = System.currentTimeMillis();
        if (resourcePolicy != null) {
            ResourcePolicies.attachAtCreation(extra, resourcePolicy, now);
        }
        if (extra.path("StreamSpecification").path("StreamEnabled").asBoolean(false)) {
            StreamHistory.enable(extra, extra.path("StreamSpecification").path("StreamViewType").asText(), now);
        }
        if (global != null) {
            global.stream().filter(index -> index.onDemand() != null)
                    .forEach(index -> TableThroughput.setIndexOnDemand(extra, index.name(), index.onDemand()));
        }
        return new TableDefinition(name, UUID.randomUUID().toString(), 0, now, key,
                List.copyOf(definitions), billingMode, throughput == null ? 0 : throughput[0],
                throughput == null ? 0 : throughput[1], "ACTIVE", extra, indexes);
    }

    static KeyAttribute attributeDefinition(JsonNode element, int index, RequestReader request) {
        RequestReader member = member(element);
        String attributeName = member.string("AttributeName");
        String attributeType = member.string("AttributeType");
        String path = "attributeDefinitions." + index + ".member";
        if (attributeName == null) {
            request.violation("Value null at '" + path + ".attributeName' failed to satisfy constraint: Member must not be null");
        } else {
            checkKeyAttributeName(attributeName, path + ".attributeName", request);
        }
        AttributeValue.Type type = null;
        if (attributeType == null) {
            request.violation("Value null at '" + path + ".attributeType' failed to satisfy constraint: Member must not be null");
        } else if (!Set.of("S", "N", "B").contains(attributeType)) {
            request.violation("Value '" + attributeType + "' at '" + path + ".attributeType' failed to satisfy"
                    + " constraint: Member must satisfy enum value set: [B, N, S]");
        } else {
            type = AttributeValue.Type.valueOf(attributeType);
        }
        return new KeyAttribute(attributeName, type);
    }

    private static String[] keySchemaElement(JsonNode element, int index, RequestReader request) {
        return keySchemaElement(element, "keySchema." + index + ".member", request);
    }

    /** One KeySchemaElement at a path ("keySchema.1.member"), as {name, key type}; violations collected on the request. */
    static String[] keySchemaElement(JsonNode element, String path, RequestReader request) {
        RequestReader member = member(element);
        String attributeName = member.string("AttributeName");
        String keyType = member.string("KeyType");
        if (attributeName == null) {
            request.violation("Value null at '" + path + ".attributeName' failed to satisfy constraint: Member must not be null");
        } else {
            checkKeyAttributeName(attributeName, path + ".attributeName", request);
        }
        if (keyType == null) {
            request.violation("Value null at '" + path + ".keyType' failed to satisfy constraint: Member must not be null");
        } else if (!keyType.equals("HASH") && !keyType.equals("RANGE")) {
            request.violation("Value '" + keyType + "' at '" + path + ".keyType' failed to satisfy constraint:"
                    + " Member must satisfy enum value set: [HASH, RANGE]");
        }
        return new String[] {attributeName, keyType};
    }

    /** A key attribute name (KeySchemaAttributeName) is 1 to 255 characters long. */
    private static void checkKeyAttributeName(String name, String path, RequestReader request) {
        if (name.isEmpty() || name.length() > 255) {
            request.violation("Value '" + name + "' at '" + path + "' failed to satisfy constraint: Member must have length "
                    + (name.isEmpty() ? "greater than or equal to 1" : "less than or equal to 255"));
        }
    }

    /** ProvisionedThroughput as {read, write}, or null when absent; violations collected on the request. */
    static long[] throughput(RequestReader request) {
        ObjectNode json = request.object("ProvisionedThroughput");
        if (json == null) {
            return null;
        }
        RequestReader member = new RequestReader(json);
        Long read = member.integer("ReadCapacityUnits");
        Long write = member.integer("WriteCapacityUnits");
        checkUnits(read, "provisionedThroughput.readCapacityUnits", request);
        checkUnits(write, "provisionedThroughput.writeCapacityUnits", request);
        return new long[] {read == null ? 0 : read, write == null ? 0 : write};
    }

    private static void checkUnits(Long units, String path, RequestReader request) {
        if (units == null) {
            request.violation("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        } else if (units < 1) {
            request.violation("Value '" + units + "' at '" + path + "' failed to satisfy constraint:"
                    + " Member must have value greater than or equal to 1");
        }
    }

    /** The key schema checks, in DynamoDB's order. */
    private static Map<String, AttributeValue.Type> defined(List<KeyAttribute> definitions) {
        Map<String, AttributeValue.Type> defined = new LinkedHashMap<>();
        for (KeyAttribute definition : definitions) {
            if (defined.put(definition.name(), definition.type()) != null) {
                throw ApiError.validation("Attribute Name is duplicated: " + definition.name());
            }
        }
        return defined;
    }

    private static PrimaryKeySchema primaryKey(List<String[]> keySchema, Map<String, AttributeValue.Type> defined,
            boolean hasIndexes) {
        List<String> keyNames = keySchema.stream().map(e -> e[0]).toList();
        if (keyNames.size() == 2) {
            if (!defined.keySet().containsAll(keyNames) || keyNames.get(0).equals(keyNames.get(1))) {
                throw ApiError.validation("Invalid KeySchema: Some index key attribute have no definition");
            }
        } else if (!defined.containsKey(keyNames.get(0))) {
            throw ApiError.invalidParameter("Some index key attributes are not defined in AttributeDefinitions."
                    + " Keys: " + keyNames + ", AttributeDefinitions: " + List.copyOf(defined.keySet()));
        }
        if (!"HASH".equals(keySchema.get(0)[1])) {
            throw ApiError.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (keySchema.size() == 2 && !"RANGE".equals(keySchema.get(1)[1])) {
            throw ApiError.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        if (!hasIndexes && defined.size() != keyNames.size()) {
            throw ApiError.invalidParameter("Number of attributes in KeySchema does not exactly match number of"
                    + " attributes defined in AttributeDefinitions");
        }
        KeyAttribute partition = new KeyAttribute(keyNames.get(0), defined.get(keyNames.get(0)));
        KeyAttribute sort = keyNames.size() == 2 ? new KeyAttribute(keyNames.get(1), defined.get(keyNames.get(1))) : null;
        return new PrimaryKeySchema(partition, sort);
    }

    private static RequestReader member(JsonNode element) {
        if (!element.isObject()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        return new RequestReader((ObjectNode) element);
    }
}
