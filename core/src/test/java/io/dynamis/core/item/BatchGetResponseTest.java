package io.dynamis.core.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A BatchGetItem answer: items, keys left unprocessed once 16 MB are returned, capacity per table. */
class BatchGetResponseTest {

    private static final Map<String, AttributeValue> ITEM = Map.of("pk", new AttributeValue.Str("a"));

    @Test
    void keysPastSixteenMegabytesAreUnprocessedWithTheirTablesParameters() {
        BatchGetResponse response = new BatchGetResponse();
        ObjectNode parameters = Json.object().put("ConsistentRead", true);
        parameters.putArray("Keys");
        response.table("t", parameters);
        response.read(ITEM, BatchGetResponse.MAX_BYTES - 1, true);
        assertFalse(response.isFull());
        response.read(null, 0, true);
        response.read(ITEM, 1, true);
        assertTrue(response.isFull());
        response.unprocessed(Json.object().set("pk", Json.object().put("S", "b")));
        ObjectNode answer = response.build("TOTAL");

        assertEquals(2, answer.path("Responses").path("t").size(), "the missing key returns nothing");
        assertEquals(true, answer.path("UnprocessedKeys").path("t").path("ConsistentRead").asBoolean());
        assertEquals("b", answer.path("UnprocessedKeys").path("t").path("Keys").get(0).path("pk").path("S").asText());
        assertEquals(0, parameters.path("Keys").size(), "the request is not changed");
        assertEquals("t", answer.path("ConsumedCapacity").get(0).path("TableName").asText());
        assertEquals(4096 + 1 + 1, answer.path("ConsumedCapacity").get(0).path("CapacityUnits").asDouble(),
                "16 MB in 4 KB units, plus the minimum for the missing key and the 1-byte item");
    }
}
