package io.dynamis.core.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.GetItemRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemEntryTest {

    private static final Map<String, AttributeValue> ITEM = Map.of("pk", new AttributeValue.Str("a"),
            "n", AttributeValue.Num.parse("1.50"), "v", new AttributeValue.Str("one"));

    @Test
    void anEntryAnswersUntilItsValidUntilTime() {
        byte[] entry = ItemEntry.of(ITEM, 1_000);
        assertTrue(ItemEntry.answers(entry, 999));
        assertFalse(ItemEntry.answers(entry, 1_000), "an expired entry served");
        assertEquals(ITEM, ItemEntry.item(entry));
        byte[] negative = ItemEntry.of(null, 1_000);
        assertTrue(ItemEntry.answers(negative, 0));
        assertTrue(ItemEntry.isNegative(negative));
        assertNull(ItemEntry.item(negative));
    }

    @Test
    void markersAndNothingAnswerNoRead() {
        byte[] marker = ItemEntry.marker(42);
        assertTrue(ItemEntry.isMarker(marker));
        assertFalse(ItemEntry.answers(marker, 0));
        assertFalse(ItemEntry.answers(null, 0));
        byte[] changed = ItemEntry.changedMarker(marker, ItemEntry.of(ITEM, 5));
        assertTrue(ItemEntry.isMarker(changed));
        assertFalse(ItemEntry.answers(changed, 0));
        assertTrue(ItemEntry.sameFill(marker, changed));
        assertFalse(ItemEntry.sameFill(marker, ItemEntry.marker(43)));
        assertTrue(ItemEntry.sameItem(ItemEntry.imageOf(changed), ItemEntry.of(ITEM, 99)));
    }

    @Test
    void sameItemIgnoresValidityAndNumberSpelling() {
        assertTrue(ItemEntry.sameItem(ItemEntry.of(ITEM, 1), ItemEntry.of(ITEM, 2)));
        assertTrue(ItemEntry.sameItem(ItemEntry.of(null, 1), ItemEntry.of(null, 2)));
        assertFalse(ItemEntry.sameItem(ItemEntry.of(ITEM, 1), ItemEntry.of(null, 1)));
        assertFalse(ItemEntry.sameItem(ItemEntry.of(ITEM, 1), ItemEntry.of(Map.of("pk", new AttributeValue.Str("a")), 1)));
        assertTrue(ItemEntry.sameItem(ItemEntry.of(Map.of("n", AttributeValue.Num.parse("1.0")), 1),
                ItemEntry.of(Map.of("n", AttributeValue.Num.parse("1")), 1)));
    }

    @Test
    void theSplicedAnswerIsTheWrittenOne() {
        GetItemRequest whole = GetItemRequest.parse(request("{\"TableName\":\"tab\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"));
        byte[] entry = ItemEntry.of(ITEM, Long.MAX_VALUE);
        assertEquals(Json.readTree(Json.toBytes(CachedGetItem.answer("tab", ITEM, null, "NONE"))),
                Json.readTree(CachedGetItem.answerBytes(whole, entry)));
        assertArrayEquals("{}".getBytes(), CachedGetItem.answerBytes(whole, ItemEntry.of(null, Long.MAX_VALUE)));
        GetItemRequest projected = GetItemRequest.parse(request("{\"TableName\":\"tab\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
                + "\"ProjectionExpression\":\"v\",\"ReturnConsumedCapacity\":\"TOTAL\"}"));
        ObjectNode answer = (ObjectNode) Json.readTree(CachedGetItem.answerBytes(projected, entry));
        assertEquals("{\"v\":{\"S\":\"one\"}}", answer.get("Item").toString());
        assertEquals(0.5, answer.path("ConsumedCapacity").path("CapacityUnits").asDouble());
    }

    private static ObjectNode request(String json) {
        return Json.parseRequest(json.getBytes());
    }
}
