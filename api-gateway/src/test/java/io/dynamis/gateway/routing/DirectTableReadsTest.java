package io.dynamis.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which reads the gateway sends straight to item-service, and the internal request it sends. */
class DirectTableReadsTest {

    private static boolean applies(String operation, String body) {
        return DirectTableReads.applies(operation, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTableQueryOrScanGoesStraightToItemService() {
        assertTrue(applies("Query", "{\"TableName\":\"t\",\"KeyConditionExpression\":\"pk = :p\","
                + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}}}"));
        assertTrue(applies("Scan", "{\"TableName\":\"t\",\"Limit\":10}"));
    }

    @Test
    void aReadThatMayNameAnIndexGoesToQueryService() {
        assertFalse(applies("Query", "{\"TableName\":\"t\",\"IndexName\":\"by_tag\",\"KeyConditionExpression\":\"tag = :t\"}"));
        assertFalse(applies("Scan", "{\"TableName\":\"t\", \"IndexName\" : \"by_tag\"}"));
        // a member name spelled with escapes is IndexName too, once parsed
        assertFalse(applies("Query", "{\"TableName\":\"t\",\"\\u0049ndexName\":\"by_tag\"}"));
        // the same bytes as a value only cost the hop
        assertFalse(applies("Scan", "{\"TableName\":\"t\",\"FilterExpression\":\"attribute_exists(#n)\","
                + "\"ExpressionAttributeNames\":{\"#n\":\"IndexName\"}}"));
    }

    @Test
    void onlyQueryAndScan() {
        assertFalse(applies("GetItem", "{\"TableName\":\"t\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"));
        assertFalse(applies("ExecuteStatement", "{\"Statement\":\"SELECT * FROM t\"}"));
    }

    @Test
    void theRequestIsWrappedUnparsedAsDynamisReadItems() {
        String request = " {\"TableName\":\"t\",\"Limit\":3}\n";
        Buffer body = DirectTableReads.readItemsBody("Scan", Buffer.buffer(request));
        ObjectNode wrapped = Json.parseRequest(body.getBytes());
        assertEquals("Scan", wrapped.path("Operation").asText());
        assertTrue(wrapped.path("RawItems").asBoolean());
        assertEquals(Json.parseRequest(request.getBytes(StandardCharsets.UTF_8)), wrapped.get("Request"));
        assertEquals("DynamoDB_20120810.DynamisReadItems", DirectTableReads.TARGET);
    }
}
