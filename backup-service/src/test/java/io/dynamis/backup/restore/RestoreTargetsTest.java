package io.dynamis.backup.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreTargetsTest {

    private static final TableDefinition SOURCE = new TableDefinition("src", "id-1", 5, 0,
            new PrimaryKeySchema(new KeyAttribute("pk", AttributeValue.Type.S), new KeyAttribute("sk", AttributeValue.Type.N)),
            List.of(new KeyAttribute("pk", AttributeValue.Type.S), new KeyAttribute("sk", AttributeValue.Type.N),
                    new KeyAttribute("lv", AttributeValue.Type.N), new KeyAttribute("g", AttributeValue.Type.S)),
            TableDefinition.PAY_PER_REQUEST, 0, 0, "ACTIVE", Json.object(),
            List.of(new IndexDefinition("byLocal", false, new PrimaryKeySchema(new KeyAttribute("pk", AttributeValue.Type.S),
                            new KeyAttribute("lv", AttributeValue.Type.N)), "ALL", List.of(), 0, 0, "ACTIVE"),
                    new IndexDefinition("byGlobal", true, new PrimaryKeySchema(new KeyAttribute("g", AttributeValue.Type.S),
                            null), "KEYS_ONLY", List.of(), 0, 0, "ACTIVE")));

    @Test
    void theTargetHasTheSourcesKeysBillingAndIndexes() {
        ObjectNode create = RestoreTargets.createTable("dst", SOURCE, new RequestReader(Json.object()));
        assertEquals("dst", create.path("TableName").asText());
        assertEquals("PAY_PER_REQUEST", create.path("BillingMode").asText());
        assertEquals("byLocal", create.path("LocalSecondaryIndexes").get(0).path("IndexName").asText());
        assertEquals("byGlobal", create.path("GlobalSecondaryIndexes").get(0).path("IndexName").asText());
        assertEquals(4, create.path("AttributeDefinitions").size());
        assertFalse(create.has("StreamSpecification"));
    }

    @Test
    void overridesReplaceBillingAndIndexesAndUnusedDefinitionsGo() {
        ObjectNode overrides = Json.object().put("BillingModeOverride", "PROVISIONED");
        overrides.putObject("ProvisionedThroughputOverride").put("ReadCapacityUnits", 3).put("WriteCapacityUnits", 4);
        overrides.putArray("GlobalSecondaryIndexOverride");
        ObjectNode create = RestoreTargets.createTable("dst", SOURCE, new RequestReader(overrides));
        assertEquals("PROVISIONED", create.path("BillingMode").asText());
        assertEquals(3, create.path("ProvisionedThroughput").path("ReadCapacityUnits").asInt());
        assertFalse(create.has("GlobalSecondaryIndexes"));
        assertEquals(3, create.path("AttributeDefinitions").size(), "g is no longer used by any key");
    }
}
