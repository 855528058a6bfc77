package io.dynamis.core.change;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.model.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Change records: the binary form every record is written in, and the JSON form of records written before it. */
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
    void imagesTakenFromAnOffsetOfTheirArraysAreTheSameRecord() {
        byte[] prefix = {9, 9};
        ChangeRecordCodec.Head head = new ChangeRecordCodec.Head("Orders", "id-1", 1, 5, ChangeRecord.EventName.MODIFY,
                1_700_000_000_000L, 40, ChangeRecord.Origin.USER);
        byte[] oldJson = "{\"pk\":{\"S\":\"a\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] newJson = "{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"2\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] oldStored = new byte[4 + oldJson.length];
        byte[] newStored = new byte[4 + newJson.length];
        System.arraycopy(oldJson, 0, oldStored, 4, oldJson.length);
        System.arraycopy(newJson, 0, newStored, 4, newJson.length);
        assertArrayEquals(ChangeRecordCodec.encode(prefix, head, KEYS, oldJson, newJson),
                ChangeRecordCodec.encode(prefix, head, KEYS, oldStored, 4, newStored, 4));
        assertArrayEquals(ChangeRecordCodec.encode(prefix, head, KEYS, null, newJson),
                ChangeRecordCodec.encode(prefix, head, KEYS, null, 4, newStored, 4));
    }

    @Test
    void aTimeToLiveDeletionKeepsItsOrigin() {
        ChangeRecord record = new ChangeRecord("Orders", "id-1", 0, 7, ChangeRecord.EventName.REMOVE, 1_700_000_000_999L,
                KEYS, Map.of("pk", AttributeValue.s("a")), null, 4, ChangeRecord.Origin.TIME_TO_LIVE);
        assertEquals(record, ChangeRecordCodec.decode(ChangeRecordCodec.encode(record)));
    }

    @Test
    void keysOfEveryKeyTypeReadBack() {
        Map<String, AttributeValue> keys = new java.util.LinkedHashMap<>();
        keys.put("pk", AttributeValue.b(new byte[] {0, -1, 7}));
        keys.put("sk \u00e9", AttributeValue.n("-12.50"));
        Map<String, AttributeValue> image = new java.util.LinkedHashMap<>(keys);
        image.put("x", AttributeValue.s("y"));
        ChangeRecord record = new ChangeRecord("T\u00e9", "id-2", 3, Long.MAX_VALUE, ChangeRecord.EventName.MODIFY, 5,
                keys, image, image, 99, ChangeRecord.Origin.USER);
        ChangeRecord read = ChangeRecordCodec.decode(ChangeRecordCodec.encode(record));
        assertEquals(record, read);
        assertEquals(List.copyOf(keys.keySet()), List.copyOf(read.keys().keySet()));
    }

    @Test
    void aRecordIsNotJson() {
        byte[] bytes = ChangeRecordCodec.encode(new ChangeRecord("Orders", "id-1", 0, 1, ChangeRecord.EventName.INSERT, 0,
                KEYS, null, KEYS, 4, ChangeRecord.Origin.USER));
        assertNotEquals('{', bytes[0]);
        // head 32 bytes, two names, one key, two image lengths and the 16-byte image: no field names, no quoting
        assertEquals(32 + 2 + 6 + 2 + 4 + 1 + 2 + 2 + 1 + 4 + 1 + 4 + 4 + 16, bytes.length);
    }

    @Test
    void aTruncatedOrDamagedRecordIsRefused() {
        byte[] bytes = ChangeRecordCodec.encode(new ChangeRecord("Orders", "id-1", 0, 1, ChangeRecord.EventName.INSERT, 0,
                KEYS, null, KEYS, 4, ChangeRecord.Origin.USER));
        for (int length = 1; length < bytes.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(bytes, length);
            assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.decode(truncated), "length " + length);
        }
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.decode(longer));
        byte[] otherVersion = bytes.clone();
        otherVersion[1] = 2;
        assertThrows(IllegalArgumentException.class, () -> ChangeRecordCodec.decode(otherVersion));
    }

    @Test
    void aRecordWrittenAsJsonBeforeIsStillRead() {
        byte[] bytes = ("{\"eventID\":\"x\",\"eventName\":\"REMOVE\",\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"a\"}},"
                + "\"OldImage\":{\"pk\":{\"S\":\"a\"}},\"SizeBytes\":4},"
                + "\"userIdentity\":{\"Type\":\"Service\",\"PrincipalId\":\"dynamodb.amazonaws.com\"},"
                + "\"dynamis\":{\"tableName\":\"Orders\",\"tableId\":\"id-1\",\"shard\":0,\"sequence\":7,"
                + "\"commitTimeMillis\":1700000000999}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(new ChangeRecord("Orders", "id-1", 0, 7, ChangeRecord.EventName.REMOVE, 1_700_000_000_999L,
                KEYS, Map.of("pk", AttributeValue.s("a")), null, 4, ChangeRecord.Origin.TIME_TO_LIVE),
                ChangeRecordCodec.decode(bytes));
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
