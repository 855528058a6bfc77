package io.dynamis.core.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request bodies: exactly one JSON object; anything else a SerializationException without a message. */
class JsonTest {

    @Test
    void emptyBodyIsASerializationError() {
        for (byte[] body : new byte[][] {null, new byte[0], bytes("  \n")}) {
            ApiError e = assertThrows(ApiError.class, () -> Json.parseRequest(body));
            assertEquals(ErrorCode.SERIALIZATION, e.code());
            assertNull(e.getMessage());
        }
    }

    @Test
    void emptyObjectIsAValidRequest() {
        assertTrue(Json.parseRequest(bytes("{}")).isEmpty());
    }

    @Test
    void objectBodyIsParsed() {
        ObjectNode request = Json.parseRequest(bytes("{\"TableName\":\"t\",\"Limit\":5}"));
        assertEquals("t", request.get("TableName").asText());
        assertEquals(5, request.get("Limit").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"x\"", "5", "null", "{", "{\"a\":}", "{} {}", "{}x", "not json"})
    void anythingButOneObjectIsASerializationError(String body) {
        ApiError e = assertThrows(ApiError.class, () -> Json.parseRequest(bytes(body)));
        assertEquals(ErrorCode.SERIALIZATION, e.code());
        assertNull(e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"x\"", "5", "null", "{", "{\"a\":}", "{} {}", "{}x", "not json"})
    void theStreamingCheckRejectsWhatTheParserRejects(String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ApiError e = assertThrows(ApiError.class, () -> Json.requireObject(bytes));
        assertEquals(io.dynamis.core.error.ErrorCode.SERIALIZATION, e.code());
        assertThrows(ApiError.class, () -> Json.parseRequest(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " {\"a\": [1, {\"b\": null}]} ", "{\"TableName\":\"t\"}"})
    void theStreamingCheckAcceptsWhatTheParserAccepts(String body) throws Exception {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertDoesNotThrow(() -> Json.requireObject(bytes));
        assertEquals(Json.MAPPER.readTree(bytes), Json.parseRequest(bytes));
    }

    @Test
    void decimalsStayExact() {
        ObjectNode request = Json.parseRequest(bytes("{\"x\":0.1000000000000000000000000001}"));
        assertEquals(new BigDecimal("0.1000000000000000000000000001"), request.get("x").decimalValue());
    }

    @Test
    void bytesRoundTrip() {
        ObjectNode node = Json.object();
        node.put("s", "é\u0000");
        node.putArray("l").add(1).add(true);
        assertEquals(node, Json.readTree(Json.toBytes(node)));
        assertEquals("{\"s\":\"é\\u0000\",\"l\":[1,true]}", new String(Json.toBytes(node), StandardCharsets.UTF_8));
    }

    @Test
    void unreadableStoredJsonIsAnIllegalState() {
        assertThrows(IllegalStateException.class, () -> Json.readTree(bytes("{")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withString(int... utf8) {
        byte[] prefix = bytes("{\"S\":\"");
        byte[] body = new byte[prefix.length + utf8.length + 2];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        for (int i = 0; i < utf8.length; i++) {
            body[prefix.length + i] = (byte) utf8[i];
        }
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return body;
    }

    @Test
    void invalidUtf8IsASerializationError() {
        int[][] invalid = {
            {0xC0, 0x80},             // overlong U+0000
            {0xE0, 0x80, 0xAF},       // overlong '/'
            {0xF4, 0x90, 0x80, 0x80}, // above U+10FFFF
            {0xF5, 0x80, 0x80, 0x80},
            {0xED, 0xA0, 0x80},       // a surrogate
            {0xFF},
            {0xE2, 0x82},             // truncated
        };
        for (int[] sequence : invalid) {
            byte[] body = withString(sequence);
            assertEquals(ErrorCode.SERIALIZATION, assertThrows(ApiError.class, () -> Json.parseRequest(body)).code());
            assertEquals(ErrorCode.SERIALIZATION, assertThrows(ApiError.class, () -> Json.requireObject(body)).code());
        }
    }

    @Test
    void everyValidUtf8FormIsAccepted() {
        String text = "a\u00e9\u20ac\ud83d\ude00\uffff\udbff\udfff";
        byte[] body = bytes("{\"S\":\"" + text + "\"}");
        assertEquals(text, Json.parseRequest(body).get("S").textValue());
        Json.requireObject(body);
    }

    @Test
    void memberNamesOf65535CharactersAreRead() {
        String name = "n".repeat(65_535);
        assertTrue(Json.parseRequest(bytes("{\"" + name + "\":1}")).has(name));
        Json.requireObject(bytes("{\"" + name + "\":1}"));
    }
}
