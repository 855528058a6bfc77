package io.dynamis.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.model.AttributeValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming decoder of stored items gives exactly what the validating decoder gives for the same bytes. */
class StoredItemDecoderTest {

    private static Map<String, AttributeValue> validating(byte[] json) {
        return AttributeValueCodec.decodeItem(Json.readTree(json));
    }

    private static void same(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(validating(bytes), StoredItemDecoder.decode(bytes, 0));
        // and from the middle of a larger array, as a stored item or a change record's image is read
        byte[] padded = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
        assertEquals(validating(bytes), StoredItemDecoder.decode(padded, 2, padded.length - 2));
    }

    @Test
    void everyTypeReadsAsTheValidatingDecoderReadsIt() {
        same("{\"s\":{\"S\":\"héllo \\\"q\\\" \\u0000\"},\"n\":{\"N\":\"-12.500e3\"},\"b\":{\"B\":\"AAEC/w==\"},"
                + "\"t\":{\"BOOL\":true},\"f\":{\"BOOL\":false},\"z\":{\"NULL\":true},"
                + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2.50\",\"-3E2\"]},\"bs\":{\"BS\":[\"AA==\",\"AQ==\"]},"
                + "\"m\":{\"M\":{\"inner\":{\"L\":[{\"S\":\"x\"},{\"M\":{}},{\"L\":[]},{\"N\":\"0\"}]}}},\"e\":{\"L\":[]}}");
    }

    @Test
    void spacesUnknownMembersAndExplicitNullsAreIgnoredAsWhenTheItemWasWritten() {
        same(" { \"a\" : { \"S\" : \"x\" , \"N\" : null , \"Foo\" : { \"bar\" : [ 1 , { } ] } } ,\n \"b\":{\"X\":1,\"N\":\"7\"} } ");
    }

    @Test
    void anEmptyItemIsEmpty() {
        same("{}");
    }

    @Test
    void randomNestedItemsReadAlike() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            StringBuilder json = new StringBuilder("{");
            int attributes = random.nextInt(6);
            for (int a = 0; a < attributes; a++) {
                json.append(a == 0 ? "" : ",").append("\"a").append(a).append("\":");
                value(json, random, 0);
            }
            same(json.append('}').toString());
        }
    }

    private static void value(StringBuilder json, Random random, int depth) {
        switch (random.nextInt(depth > 3 ? 5 : 7)) {
            case 0 -> json.append("{\"S\":\"v").append(random.nextInt(1000)).append("\"}");
            case 1 -> json.append("{\"N\":\"").append(random.nextInt(2000) - 1000).append('.').append(random.nextInt(100)).append("\"}");
            case 2 -> json.append("{\"BOOL\":").append(random.nextBoolean()).append('}');
            case 3 -> json.append("{\"NULL\":true}");
            case 4 -> json.append("{\"SS\":[\"x\",\"y").append(random.nextInt(10)).append("\"]}");
            case 5 -> {
                json.append("{\"L\":[");
                int n = random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        json.append(',');
                    }
                    value(json, random, depth + 1);
                }
                json.append("]}");
            }
            default -> {
                json.append("{\"M\":{");
                int n = random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    json.append(k == 0 ? "" : ",").append("\"k").append(k).append("\":");
                    value(json, random, depth + 1);
                }
                json.append("}}");
            }
        }
    }

    @Test
    void twoAttributesAreReadAsTheWholeItemHasThem() {
        byte[] item = ("{\"x\":{\"M\":{\"pk\":{\"S\":\"inner\"}}},\"sk\":{\"N\":\"1.50\"},\"pk\":{\"B\":\"AQ==\"},"
                + "\"y\":{\"S\":\"z\"}}").getBytes(StandardCharsets.UTF_8);
        Map<String, AttributeValue> whole = validating(item);
        AttributeValue[] key = StoredItemDecoder.twoAttributes(item, "pk", "sk");
        assertEquals(whole.get("pk"), key[0]);
        assertEquals(whole.get("sk"), key[1]);
        AttributeValue[] partitionOnly = StoredItemDecoder.twoAttributes(item, "pk", null);
        assertEquals(whole.get("pk"), partitionOnly[0]);
        assertEquals(null, partitionOnly[1]);
        assertEquals(null, StoredItemDecoder.twoAttributes(item, "absent", "sk")[0]);
    }

    @Test
    void bytesThatAreNoItemAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StoredItemDecoder.decode("[1]".getBytes(StandardCharsets.UTF_8), 0));
        assertThrows(IllegalArgumentException.class, () -> StoredItemDecoder.decode("{\"a\":{}}".getBytes(StandardCharsets.UTF_8), 0));
        assertThrows(IllegalArgumentException.class, () -> StoredItemDecoder.decode("{\"a\":{\"S\":".getBytes(StandardCharsets.UTF_8), 0));
    }
}
