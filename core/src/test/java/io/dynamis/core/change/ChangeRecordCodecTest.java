package io.dynamis.core.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Change records are DynamoDB Streams records, plus what Dynamis needs to know where they came from. */
class ChangeRecordCodecTest {

    private static final Map<String, AttributeValue> KEYS = Map.of("pk", AttributeValue.s("a"));

    @Test
    void aRecordReadsBackAsItWasWritten() {
        ChangeRecord record = new ChangeRecord("Orders", "id-1", 2, 42, ChangeRecord.EventName.MODIFY, 1_700_000_000_123L,
                KEYS, Map.of("pk", AttributeValue.s("a"), "n", AttributeValue.n(1)),
                Map.of("pk", AttributeValue.s("a"), "n", AttributeValue.n(2)), 12, ChangeRecord.Origin.USER);
        assertEquals(record, ChangeRecordCodec.decode(ChangeRecordCodec.encode(record)));
    }

    @Test
    void imagesOfAnyTextAreWrittenByteForByte() {
        Map<String, AttributeValue> image = Map.of("pk", AttributeValue.s("a"), "text", AttributeValue.s("é \"q\" 😀 \u0001"));
        ChangeRecord record = new ChangeRecord("Orders", "id-1", 0, 9, ChangeRecord.EventName.INSERT, 1_700_000_000_000L,
                KEYS, null, image, 20, ChangeRecord.Origin.USER);
        assertEquals(record, ChangeRecordCodec.decode(ChangeRecordCodec.encode(record)));
    }

    @Test
    void theBytesHaveTheShapeOfAStreamsRecord() {
        ChangeRecord record = new ChangeRecord("Orders", "id-1", 0, 7, ChangeRecord.EventName.REMOVE, 1_700_000_000_999L,
                KEYS, Map.of("pk", AttributeValue.s("a")), null, 4, ChangeRecord.Origin.TIME_TO_LIVE);
        JsonNode json = Json.readTree(ChangeRecordCodec.encode(record));
        assertEquals("REMOVE", json.get("eventName").asText());
        assertEquals("aws:dynamodb", json.get("eventSource").asText());
        assertEquals("1.1", json.get("eventVersion").asText());
        assertEquals("000000000000000000007", json.at("/dynamodb/SequenceNumber").asText());
        assertEquals(1_700_000_000L, json.at("/dynamodb/ApproximateCreationDateTime").asLong());
        assertEquals("a", json.at("/dynamodb/Keys/pk/S").asText());
        assertTrue(json.at("/dynamodb/OldImage").isObject());
        assertFalse(json.get("dynamodb").has("NewImage"));
        assertEquals("Service", json.at("/userIdentity/Type").asText());
        assertEquals("dynamodb.amazonaws.com", json.at("/userIdentity/PrincipalId").asText());
        assertEquals(ChangeRecord.Origin.TIME_TO_LIVE, ChangeRecordCodec.decode(ChangeRecordCodec.encode(record)).origin());
    }

    @Test
    void imagesPassThroughAsTheBytesTheyCameAs() {
        // written by hand with spaces: an image decoded and encoded again would lose them
        String newImage = "{ \"pk\" : {\"S\":\"a\"},  \"n\":{\"N\":\"2\"} }";
        byte[] bytes = ("{\"eventName\":\"INSERT\",\"extra\":[1,{\"x\":2}],\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"a\"}},"
                + "\"NewImage\":" + newImage + ",\"OldImage\":null,\"SizeBytes\":9},"
                + "\"dynamis\":{\"tableName\":\"T\",\"tableId\":\"id\",\"shard\":1,\"sequence\":5,\"commitTimeMillis\":77}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ChangeRecord record = ChangeRecordCodec.decode(bytes);
        assertEquals(newImage, new String(io.dynamis.core.json.AttributeValueCodec.itemBytes(record.newImage(), 0),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(Map.of("pk", AttributeValue.s("a"), "n", AttributeValue.n(2)), record.newImage());
        assertEquals(null, record.oldImage());
        assertEquals(new ChangeRecord("T", "id", 1, 5, ChangeRecord.EventName.INSERT, 77, KEYS, null,
                Map.of("pk", AttributeValue.s("a"), "n", AttributeValue.n(2)), 9, ChangeRecord.Origin.USER), record);
        assertThrows(UnsupportedOperationException.class, () -> record.newImage().put("x", AttributeValue.s("y")));
    }

    @Test
    void aRecordWithoutItsSectionsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.decode("{\"dynamodb\":{}}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.decode("[1]".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.decode("{\"dynamodb\":".getBytes()));
    }

    @Test
    void aUserChangeHasNoUserIdentity() {
        ChangeRecord record = new ChangeRecord("Orders", "id-1", 0, 1, ChangeRecord.EventName.INSERT, 0, KEYS, null,
                KEYS, 4, ChangeRecord.Origin.USER);
        assertFalse(Json.readTree(ChangeRecordCodec.encode(record)).has("userIdentity"));
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.decode("{\"a\":1}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.decode("not json".getBytes()));
    }

    @Test
    void theEventFollowsTheImages() {
        assertEquals(ChangeRecord.EventName.INSERT, ChangeRecord.EventName.of(false, true));
        assertEquals(ChangeRecord.EventName.MODIFY, ChangeRecord.EventName.of(true, true));
        assertEquals(ChangeRecord.EventName.REMOVE, ChangeRecord.EventName.of(true, false));
    }

    @Test
    void recordsOfOnePartitionKeyShareAKafkaKeyAndTablesKeyApart() {
        assertEquals("t1/S:a", ChangeLogTopic.key("t1", AttributeValue.s("a")));
        assertEquals("t1/N:1.5", ChangeLogTopic.key("t1", AttributeValue.n("1.50")));
        assertEquals("t2/B:AQI=", ChangeLogTopic.key("t2", AttributeValue.b(new byte[] {1, 2})));
    }
}
