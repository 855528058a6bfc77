package io.dynamis.core.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.RequestReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Capacity units per started 1 KB (writes) / 4 KB (reads), and the ConsumedCapacity member. */
class ConsumedCapacityTest {

    @Test
    void writesCostOneUnitPerStartedKilobyteAndAtLeastOne() {
        assertEquals(1.0, ConsumedCapacity.writeUnits(0));
        assertEquals(1.0, ConsumedCapacity.writeUnits(1024));
        assertEquals(2.0, ConsumedCapacity.writeUnits(1025));
        assertEquals(400.0, ConsumedCapacity.writeUnits(400 * 1024));
    }

    @Test
    void readsCostOneUnitPerStarted4KilobytesHalvedWhenEventuallyConsistent() {
        assertEquals(1.0, ConsumedCapacity.readUnits(0, true));
        assertEquals(0.5, ConsumedCapacity.readUnits(0, false));
        assertEquals(1.0, ConsumedCapacity.readUnits(4096, true));
        assertEquals(2.0, ConsumedCapacity.readUnits(4097, true));
        assertEquals(1.0, ConsumedCapacity.readUnits(4097, false));
        assertEquals(1.5, ConsumedCapacity.readUnits(3 * 4096, false));
    }

    @Test
    void modeDefaultsToNoneAndRecordsAnUnknownValue() {
        assertEquals("NONE", ConsumedCapacity.mode(reader("{}")));
        assertEquals("INDEXES", ConsumedCapacity.mode(reader("{\"ReturnConsumedCapacity\":\"INDEXES\"}")));
        RequestReader bad = reader("{\"ReturnConsumedCapacity\":\"ALL\"}");
        assertEquals("ALL", ConsumedCapacity.mode(bad));
        ApiError e = assertThrows(ApiError.class, bad::validate);
        assertEquals("1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' failed to satisfy"
                + " constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]", e.getMessage());
    }

    @Test
    void reportAddsTotalOrPerTableCapacity() {
        ObjectNode none = Json.object();
        ConsumedCapacity.report(none, "NONE", "t", 1.0);
        assertFalse(none.has("ConsumedCapacity"));

        ObjectNode total = Json.object();
        ConsumedCapacity.report(total, "TOTAL", "t", 1.5);
        assertEquals("{\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":1.5}}", total.toString());

        ObjectNode indexes = Json.object();
        ConsumedCapacity.report(indexes, "INDEXES", "t", 2.0);
        assertEquals("{\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":2.0,\"Table\":{\"CapacityUnits\":2.0}}}",
                indexes.toString());
    }

    private static RequestReader reader(String json) {
        return new RequestReader(Json.parseRequest(json.getBytes(StandardCharsets.UTF_8)));
    }
}
