package io.dynamis.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

    @Test
    void anItemKeyIsTheSameWhateverTheAttributeOrderAndNumberSpelling() {
        Map<String, AttributeValue> one = new LinkedHashMap<>();
        one.put("pk", new AttributeValue.Str("a"));
        one.put("sk", AttributeValue.Num.parse("1.0"));
        Map<String, AttributeValue> other = new LinkedHashMap<>();
        other.put("sk", AttributeValue.Num.parse("1"));
        other.put("pk", new AttributeValue.Str("a"));
        assertEquals(CacheKeys.item(one), CacheKeys.item(other));
        assertNotEquals(CacheKeys.item(one), CacheKeys.item(Map.of("pk", new AttributeValue.Str("a"))));
    }

    @Test
    void aPageKeyIgnoresMemberOrderButNotAnyParameterThatChangesTheAnswer() {
        ObjectNode query = Json.parseRequest(("{\"TableName\":\"t\",\"KeyConditionExpression\":\"pk = :p\","
                + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}},\"Limit\":2}").getBytes());
        ObjectNode reordered = Json.parseRequest(("{\"Limit\":2,\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}},"
                + "\"KeyConditionExpression\":\"pk = :p\",\"TableName\":\"t\"}").getBytes());
        assertEquals(CacheKeys.page("Query", query), CacheKeys.page("Query", reordered));
        assertNotEquals(CacheKeys.page("Query", query), CacheKeys.page("Scan", query));
        ObjectNode otherLimit = query.deepCopy().put("Limit", 3);
        assertNotEquals(CacheKeys.page("Query", query), CacheKeys.page("Query", otherLimit));
        ObjectNode projected = query.deepCopy().put("ProjectionExpression", "pk");
        assertNotEquals(CacheKeys.page("Query", query), CacheKeys.page("Query", projected));
    }
}
