package io.dynamis.backup.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.PrimaryKeySchema;

/** Parts of a table definition in DynamoDB's JSON shapes, as the Streams, backup and restore answers use them. */
public final class TableShapes {

    private TableShapes() {
    }

    /** A KeySchema list: the HASH elements, then the RANGE ones. */
    public static void keySchema(PrimaryKeySchema schema, ArrayNode into) {
        schema.describeInto(into);
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
