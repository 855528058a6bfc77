package io.dynamis.item.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The LocalSecondaryIndexes and GlobalSecondaryIndexes of a CreateTable request, checked as DynamoDB
 * checks them: first the members' constraints (collected with the request's others), then, once the
 * table's key is known, each index's key schema, projection and throughput, the limits (5 local, 20
 * global) and that every attribute definition is used by some key.
 */
final class IndexDefinitions {

    static final int MAX_LOCAL = 5;
    static final int MAX_GLOBAL = 20;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    /** One declared index, as read, before the table's key is known. */
    record Declared(String name, boolean global, List<String[]> keySchema, String projectionType,
            List<String> nonKeyAttributes, long[] throughput, ObjectNode onDemand) {
    }

    private IndexDefinitions() {
    }

    /** Reads a LocalSecondaryIndexes or GlobalSecondaryIndexes member, collecting constraint violations; null when absent. */
    static List<Declared> read(RequestReader request, String member, boolean global) {
        ArrayNode list = request.list(member);
        if (list == null) {
            return null;
        }
        String path = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        List<Declared> declared = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                throw ApiError.serialization("Unexpected value type in payload");
            }
            RequestReader index = new RequestReader((ObjectNode) list.get(i));
            String at = path + "." + (i + 1) + ".member";
            String name = index.string("IndexName");
            if (name == null) {
                request.violation("Value null at '" + at + ".indexName' failed to satisfy constraint: Member must not be null");
            } else {
                List<String> nameViolations = new ArrayList<>();
                RequestReader.checkTableName(name, at + ".indexName", nameViolations);
                nameViolations.forEach(request::violation);
            }
            List<String[]> keySchema = new ArrayList<>();
            ArrayNode keys = index.list("KeySchema");
            if (keys == null) {
                request.violation("Value null at '" + at + ".keySchema' failed to satisfy constraint: Member must not be null");
            } else {
                for (int k = 0; k < keys.size(); k++) {
                    keySchema.add(CreateTableRequest.keySchemaElement(keys.get(k), at + ".keySchema." + (k + 1) + ".member",
                            request));
                }
                int maxKeys = global ? 2 * PrimaryKeySchema.MAX_ATTRIBUTES_PER_PART : 2;
                if (keys.isEmpty() || keys.size() > maxKeys) {
                    request.violation("Value '" + keys + "' at '" + at + ".keySchema' failed to satisfy constraint: Member"
                            + " must have length " + (keys.isEmpty() ? "greater than or equal to 1"
                                    : "less than or equal to " + maxKeys));
                }
            }
            ObjectNode projection = index.object("Projection");
            String projectionType = null;
            List<String> nonKey = null;
            if (projection == null) {
                request.violation("Value null at '" + at + ".projection' failed to satisfy constraint: Member must not be null");
            } else {
                RequestReader p = new RequestReader(projection);
                projectionType = p.enumValue("ProjectionType", at + ".projection.projectionType",
                        IndexDefinition.ALL, IndexDefinition.INCLUDE, IndexDefinition.KEYS_ONLY);
                p.validate();
                ArrayNode attributes = p.list("NonKeyAttributes");
                if (attributes != null) {
                    nonKey = new ArrayList<>();
                    for (JsonNode attribute : attributes) {
                        nonKey.add(attribute.asText());
                    }
                    if (attributes.isEmpty()) {
                        request.violation("Value '[]' at '" + at + ".projection.nonKeyAttributes' failed to satisfy"
                                + " constraint: Member must have length greater than or equal to 1");
                    }
                }
            }
            long[] throughput = global ? CreateTableRequest.throughput(index) : null;
            ObjectNode onDemand = global ? CreateTableRequest.onDemandThroughput(index, at + ".onDemandThroughput") : null;
            index.validate();
            declared.add(new Declared(name, global, keySchema, projectionType, nonKey, throughput, onDemand));
        }
        return declared;
    }

    /** Checks the declared indexes against the table and builds their definitions (DynamoDB's order of checks). */
    static List<IndexDefinition> resolve(List<Declared> local, List<Declared> global, PrimaryKeySchema table,
            Map<String, io.dynamis.core.model.AttributeValue.Type> defined, String billingMode) {
        List<IndexDefinition> indexes = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        if (local != null) {
            if (local.isEmpty()) {
                throw ApiError.invalidParameter("List of LocalSecondaryIndexes is empty");
            }
            if (!table.hasSortKey()) {
                throw ApiError.invalidParameter("Table KeySchema does not have a range key, which is required when"
                        + " specifying a LocalSecondaryIndex");
            }
            for (Declared index : local) {
                PrimaryKeySchema key = keySchema(index, defined);
                if (!key.hasSortKey()) {
                    throw ApiError.invalidParameter("Index KeySchema does not have a range key for index: " + index.name());
                }
                if (!key.partitionKey().name().equals(table.partitionKey().name())) {
                    throw ApiError.invalidParameter("Index KeySchema does not have the same leading hash key as table"
                            + " KeySchema for index: " + index.name() + ". index hash key: " + key.partitionKey().name()
                            + ", table hash key: " + table.partitionKey().name());
                }
                checkProjection(index);
                unique(names, index.name());
                indexes.add(new IndexDefinition(index.name(), false, key, index.projectionType(),
                        index.nonKeyAttributes(), 0, 0, "ACTIVE"));
            }
            if (local.size() > MAX_LOCAL) {
                throw ApiError.invalidParameter("Number of LocalSecondaryIndexes exceeds per-table limit of " + MAX_LOCAL);
            }
        }
        if (global != null) {
            if (global.isEmpty()) {
                throw ApiError.invalidParameter("List of GlobalSecondaryIndexes is empty");
            }
            for (Declared index : global) {
                PrimaryKeySchema key = keySchema(index, defined);
                checkProjection(index);
                unique(names, index.name());
                long[] throughput = index.throughput();
                if (TableDefinition.PROVISIONED.equals(billingMode) && throughput == null) {
                    throw ApiError.invalidParameter("ProvisionedThroughput must be specified for index: " + index.name());
                }
                if (TableDefinition.PAY_PER_REQUEST.equals(billingMode) && throughput != null) {
                    throw ApiError.invalidParameter("ProvisionedThroughput should not be specified for index: "
                            + index.name() + " when BillingMode is PAY_PER_REQUEST");
                }
                indexes.add(new IndexDefinition(index.name(), true, key, index.projectionType(), index.nonKeyAttributes(),
                        throughput == null ? 0 : throughput[0], throughput == null ? 0 : throughput[1], "ACTIVE"));
            }
            if (global.size() > MAX_GLOBAL) {
                throw ApiError.invalidParameter("GlobalSecondaryIndex count exceeds the per-table limit of " + MAX_GLOBAL);
            }
        }
        return indexes;
    }

    /**
     * An index's key schema. A local index's has a HASH and a RANGE element; a global index's may have a
     * multi-attribute key: up to four HASH elements, then up to four RANGE elements, no attribute twice.
     */
    private static PrimaryKeySchema keySchema(Declared index, Map<String, io.dynamis.core.model.AttributeValue.Type> defined) {
        List<String> keys = index.keySchema().stream().map(k -> k[0]).toList();
        for (String key : keys) {
            if (!defined.containsKey(key)) {
                throw ApiError.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. Keys: "
                        + keys + ", AttributeDefinitions: " + List.copyOf(defined.keySet()));
            }
        }
        if (keys.size() == 2 && keys.get(0).equals(keys.get(1))) {
            throw ApiError.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (new LinkedHashSet<>(keys).size() != keys.size()) {
            throw ApiError.validation("The KeySchema contains multiple key attributes with the same name");
        }
        if (!"HASH".equals(index.keySchema().get(0)[1])) {
            throw ApiError.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (!index.global() && keys.size() == 2 && !"RANGE".equals(index.keySchema().get(1)[1])) {
            throw ApiError.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        List<KeyAttribute> partition = new ArrayList<>();
        List<KeyAttribute> sort = new ArrayList<>();
        for (String[] element : index.keySchema()) {
            boolean hash = "HASH".equals(element[1]);
            if (hash && !sort.isEmpty()) {
                throw ApiError.invalidParameter("All HASH key attributes must precede RANGE key attributes in the"
                        + " KeySchema");
            }
            (hash ? partition : sort).add(new KeyAttribute(element[0], defined.get(element[0])));
        }
        for (List<KeyAttribute> part : List.of(partition, sort)) {
            if (part.size() > PrimaryKeySchema.MAX_ATTRIBUTES_PER_PART) {
                throw ApiError.invalidParameter("The KeySchema exceeds the maximum allowed number of "
                        + (part == partition ? "HASH" : "RANGE") + " key attributes");
            }
        }
        return PrimaryKeySchema.of(partition, sort);
    }

    private static void checkProjection(Declared index) {
        if (index.projectionType() == null) {
            throw ApiError.invalidParameter("Unknown ProjectionType: null");
        }
        if (index.nonKeyAttributes() != null && !IndexDefinition.INCLUDE.equals(index.projectionType())) {
            throw ApiError.invalidParameter("ProjectionType is " + index.projectionType()
                    + ", but NonKeyAttributes is specified");
        }
    }

    private static void unique(Set<String> names, String name) {
        if (!names.add(name)) {
            throw ApiError.invalidParameter("Duplicate index name: " + name);
        }
    }

    /** With indexes, every attribute definition must be used by the table's or an index's key. */
    static void checkDefinitionsUsed(Map<String, io.dynamis.core.model.AttributeValue.Type> defined,
            PrimaryKeySchema table, List<IndexDefinition> indexes) {
        Set<String> used = new LinkedHashSet<>();
        used.add(table.partitionKey().name());
        if (table.hasSortKey()) {
            used.add(table.sortKey().name());
        }
        for (IndexDefinition index : indexes) {
            index.keySchema().attributes().forEach(attribute -> used.add(attribute.name()));
        }
        if (!used.containsAll(defined.keySet())) {
            throw ApiError.invalidParameter("Some AttributeDefinitions are not used. AttributeDefinitions: "
                    + List.copyOf(defined.keySet()) + ", keys used: " + List.copyOf(used));
        }
    }
}
