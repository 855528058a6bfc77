package io.dynamis.backup.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.PrimaryKeySchema;

/** Parts of a table definition in DynamoDB's JSON shapes, as the Streams, backup and restore answers use them. */
public final class TableShapes {

    private TableShapes() {
    }

    /** A KeySchema list: the HASH element, then the RANGE one if any. */
    public static void keySchema(PrimaryKeySchema schema, ArrayNode into) {
        into.addObject().put("AttributeName", schema.partitionKey().name()).put("KeyType", "HASH");
        if (schema.hasSortKey()) {
            into.addObject().put("AttributeName", schema.sortKey().name()).put("KeyType", "RANGE");
        }
    }

    /** An index's IndexName, KeySchema and Projection, into {@code i}. */
    public static ObjectNode index(IndexDefinition index, ObjectNode i) {
        i.put("IndexName", index.name());
        keySchema(index.keySchema(), i.putArray("KeySchema"));
        ObjectNode projection = i.putObject("Projection").put("ProjectionType", index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            ArrayNode attributes = projection.putArray("NonKeyAttributes");
            index.nonKeyAttributes().forEach(attributes::add);
        }
        return i;
    }
}
