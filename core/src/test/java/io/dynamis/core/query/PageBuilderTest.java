package io.dynamis.core.query;

import static io.dynamis.core.query.Fixtures.json;
import static io.dynamis.core.query.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.TableDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DynamoDB's page rules: Limit before the filter, the 1 MB page, LastEvaluatedKey, Count and ScannedCount, Select, capacity. */
class PageBuilderTest {

    private static final TableDefinition TABLE = table(1, AttributeValue.Type.N);

    private static Map<String, AttributeValue> item(int sk, String color) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", new AttributeValue.Str("a"));
        item.put("sk", AttributeValue.Num.parse(Integer.toString(sk)));
        item.put("color", new AttributeValue.Str(color));
        item.put("extra", new AttributeValue.Str("x"));
        return item;
    }

    private static PageBuilder page(String members) {
        ReadRequest request = ReadRequest.query(json("{'TableName': 'tbl', 'KeyConditionExpression': 'pk = :p',"
                + " 'ExpressionAttributeValues': {':p': {'S': 'a'}" + members));
        return new PageBuilder(request, ReadTarget.of(TABLE));
    }

    /** Offers items sk = 1..n (odd ones red), each of the size given, until the page is complete. */
    private static ObjectNode fill(PageBuilder page, int n, long size) {
        for (int i = 1; i <= n; i++) {
            if (!page.offer(item(i, i % 2 == 1 ? "red" : "blue"), size)) {
                break;
            }
        }
        return page.response();
    }

    @Test
    void limitCountsItemsEvaluatedBeforeTheFilter() {
        ObjectNode response = fill(page(", ':c': {'S': 'red'}}, 'FilterExpression': 'color = :c', 'Limit': 4}"), 10, 100);
        assertEquals(2, response.get("Count").asInt());
        assertEquals(4, response.get("ScannedCount").asInt());
        assertEquals(2, response.get("Items").size());
        assertEquals("{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"4\"}}", response.get("LastEvaluatedKey").toString());
    }

    @Test
    void lastEvaluatedKeyIsReturnedWhenLimitIsReachedExactlyEvenWithNothingAfter() {
        ObjectNode response = fill(page("}, 'Limit': 3}"), 3, 100);
        assertEquals(3, response.get("Count").asInt());
        assertEquals("{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"3\"}}", response.get("LastEvaluatedKey").toString());
    }

    @Test
    void aPageThatReadsEverythingHasNoLastEvaluatedKey() {
        ObjectNode response = fill(page("}, 'Limit': 4}"), 3, 100);
        assertEquals(3, response.get("Count").asInt());
        assertFalse(response.has("LastEvaluatedKey"));
    }

    @Test
    void aPageEndsOnceMoreThanOneMegabyteHasBeenRead() {
        PageBuilder page = page("}}");
        int offered = 0;
        while (page.offer(item(offered + 1, "red"), 100_000)) {
            offered++;
        }
        offered++;
        assertEquals(11, offered); // 10 items are 1,000,000 bytes; the 11th crosses 1,048,576
        ObjectNode response = page.response();
        assertEquals(11, response.get("Count").asInt());
        assertEquals("{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"11\"}}", response.get("LastEvaluatedKey").toString());
        assertTrue(page.isComplete());
    }

    @Test
    void selectCountReturnsNoItems() {
        ObjectNode response = fill(page("}, 'Select': 'COUNT'}"), 5, 10);
        assertFalse(response.has("Items"));
        assertEquals(5, response.get("Count").asInt());
        assertEquals(5, response.get("ScannedCount").asInt());
    }

    @Test
    void projectionAppliesToReturnedItems() {
        ObjectNode response = fill(page("}, 'ProjectionExpression': 'color'}"), 1, 10);
        assertEquals("[{\"color\":{\"S\":\"red\"}}]", response.get("Items").toString());
    }

    @Test
    void anEmptyPageHasEmptyItems() {
        ObjectNode response = page("}}").response();
        assertEquals("[]", response.get("Items").toString());
        assertEquals(0, response.get("Count").asInt());
        assertEquals(0, response.get("ScannedCount").asInt());
    }

    @Test
    void capacityIsTheTotalSizeReadIn4KbUnitsHalvedWhenEventuallyConsistent() {
        ObjectNode eventual = fill(page("}, 'ReturnConsumedCapacity': 'TOTAL'}"), 3, 3000);
        assertEquals(1.5, eventual.get("ConsumedCapacity").get("CapacityUnits").asDouble()); // 9000 bytes: 3 units
        ObjectNode consistent = fill(page("}, 'ReturnConsumedCapacity': 'TOTAL', 'ConsistentRead': true}"), 3, 3000);
        assertEquals(3.0, consistent.get("ConsumedCapacity").get("CapacityUnits").asDouble());
        assertEquals("tbl", consistent.get("ConsumedCapacity").get("TableName").asText());
    }

    /** An item as the store keeps it: 4 bytes of size, then its DynamoDB JSON. */
    private static byte[] stored(Map<String, AttributeValue> item) {
        byte[] json = io.dynamis.core.json.Json.toBytes(io.dynamis.core.json.AttributeValueCodec.encodeItem(item));
        return java.nio.ByteBuffer.allocate(4 + json.length).putInt(100).put(json).array();
    }

    private static ObjectNode fillStored(PageBuilder page, int n) {
        for (int i = 1; i <= n; i++) {
            if (!page.offerStored(stored(item(i, "red")), 4, 100)) {
                break;
            }
        }
        return page.response();
    }

    @Test
    void itemsOfferedAsStoredMakeTheSamePageAsDecodedOnes() {
        ObjectNode asTrees = fillStored(page("}, 'Limit': 3}"), 10);
        ObjectNode raw = fillStored(page("}, 'Limit': 3}").rawItems(true), 10);
        assertEquals(3, asTrees.get("Count").asInt());
        assertEquals(3, asTrees.get("ScannedCount").asInt());
        assertEquals("{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"3\"}}", raw.get("LastEvaluatedKey").toString(),
                "the last item's key, decoded from its stored bytes");
        assertTrue(asTrees.get("Items").get(0).isObject(), "without rawItems the items are trees");
        assertTrue(raw.get("Items").get(0).isPojo(), "with rawItems they are the stored bytes");
        String fromTrees = new String(io.dynamis.core.json.Json.toBytes(asTrees), java.nio.charset.StandardCharsets.UTF_8);
        String fromRaw = new String(io.dynamis.core.json.Json.toBytes(raw), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(fromTrees, fromRaw, "both serialize to the same answer");
        assertTrue(fromRaw.contains("\"Items\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"color\":{\"S\":\"red\"}"),
                fromRaw);
    }

    @Test
    void onlyAPageThatNeitherFiltersNorProjectsTakesStoredItems() {
        assertTrue(page("}}").takesStoredItems());
        assertTrue(page("}, 'Select': 'COUNT'}").takesStoredItems());
        assertFalse(page(", ':c': {'S': 'red'}}, 'FilterExpression': 'color = :c'}").takesStoredItems());
        assertFalse(page("}, 'ProjectionExpression': 'color'}").takesStoredItems());
    }

    @Test
    void aCountPageOfStoredItemsHoldsNoItems() {
        ObjectNode response = fillStored(page("}, 'Select': 'COUNT'}").rawItems(true), 5);
        assertEquals(5, response.get("Count").asInt());
        assertFalse(response.has("Items"));
    }
}
