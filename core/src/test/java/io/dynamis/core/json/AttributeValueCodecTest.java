package io.dynamis.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.model.AttributeValue;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DynamoDB JSON for attribute values: exact wire forms both ways, and DynamoDB's errors for bad input. */
class AttributeValueCodecTest {

    private static final String EMPTY =
            "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
    private static final String TWO_TYPES =
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";
    private static final String OVERFLOW =
            "Number overflow. Attempting to store a number with magnitude larger than supported range";
    private static final String UNDERFLOW =
            "Number underflow. Attempting to store a number with magnitude smaller than supported range";
    private static final String TOO_PRECISE = "Attempting to store more than 38 significant digits in a Number";
    private static final String TOO_DEEP = "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit";

    // ---------------------------------------------------------------- round trips

    /** Each of the ten types in its canonical wire form: encode(decode(json)) gives back the same text. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"S\":\"héllo \\u0000 wörld\"}",
        "{\"N\":\"-12.5\"}",
        "{\"B\":\"AAEC/w==\"}",
        "{\"BOOL\":false}",
        "{\"NULL\":true}",
        "{\"M\":{\"b\":{\"S\":\"x\"},\"a\":{\"M\":{}}}}",
        "{\"L\":[{\"N\":\"1\"},{\"L\":[]},{\"BOOL\":true}]}",
        "{\"SS\":[\"b\",\"a\"]}",
        "{\"NS\":[\"3\",\"-0.5\",\"1000\"]}",
        "{\"BS\":[\"AQ==\",\"AAA=\"]}",
    })
    void everyTypeReEncodesToTheExactJsonItCameFrom(String json) {
        assertEquals(json, text(AttributeValueCodec.encode(decode(json))));
    }

    @Test
    void everyTypeSurvivesEncodeThenDecode() {
        List<AttributeValue> values = List.of(
                AttributeValue.s("x"),
                AttributeValue.s(""),
                AttributeValue.n("-0.001"),
                AttributeValue.b(new byte[] {0, (byte) 0x80, (byte) 0xFF}),
                AttributeValue.bool(true),
                AttributeValue.nul(),
                new AttributeValue.MapValue(Map.of("k", AttributeValue.n(7))),
                new AttributeValue.ListValue(List.of(AttributeValue.s("a"), AttributeValue.nul())),
                new AttributeValue.StrSet(List.of("a", "b")),
                new AttributeValue.NumSet(List.of(new BigDecimal("1.50"), new BigDecimal("2"))),
                new AttributeValue.BinSet(List.of(new byte[] {1}, new byte[] {2, 3})));
        for (AttributeValue value : values) {
            assertEquals(value, AttributeValueCodec.decode(AttributeValueCodec.encode(value)), value::toString);
        }
    }

    @Test
    void itemsRoundTripAndKeepAttributeOrder() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("z", AttributeValue.s("last-name-first"));
        item.put("a", AttributeValue.n(1));
        String json = "{\"z\":{\"S\":\"last-name-first\"},\"a\":{\"N\":\"1\"}}";
        assertEquals(json, text(AttributeValueCodec.encodeItem(item)));
        assertEquals(item, AttributeValueCodec.decodeItem(tree(json)));
    }

    @ParameterizedTest
    @CsvSource({
        "1.50, 1.5",
        "0.0, 0",
        "1e3, 1000",
        "1E+3, 1000",
        "-0, 0",
        "-0.00, 0",
        "0100, 100",
        ".5, 0.5",
        "-1.50E-2, -0.015",
    })
    void numbersAreNormalizedOnTheWire(String in, String out) {
        assertEquals("{\"N\":\"" + out + "\"}", text(AttributeValueCodec.encode(decode("{\"N\":\"" + in + "\"}"))));
    }

    @Test
    void smallestAndLargestMagnitudesAreWrittenInFull() {
        assertEquals("{\"N\":\"0." + "0".repeat(129) + "1\"}", text(AttributeValueCodec.encode(decode("{\"N\":\"1E-130\"}"))));
        assertEquals("{\"N\":\"-1" + "0".repeat(125) + "\"}", text(AttributeValueCodec.encode(decode("{\"N\":\"-1E+125\"}"))));
    }

    @Test
    void numberSetMembersAreNormalizedToo() {
        assertEquals("{\"NS\":[\"1.5\",\"0\",\"1000\"]}", text(AttributeValueCodec.encode(
                decode("{\"NS\":[\"1.50\",\"-0\",\"1e3\"]}"))));
    }

    @Test
    void binaryIsBase64OnTheWire() {
        assertEquals("{\"B\":\"AP9/gA==\"}",
                text(AttributeValueCodec.encode(AttributeValue.b(new byte[] {0, -1, 127, -128}))));
        assertEquals(AttributeValue.b("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                decode("{\"B\":\"aGVsbG8=\"}"));
    }

    @Test
    void unknownMembersAndExplicitNullsAreIgnored() {
        assertEquals(AttributeValue.s("a"), decode("{\"S\":\"a\",\"X\":1}"));
        assertEquals(AttributeValue.s("a"), decode("{\"S\":\"a\",\"N\":null}"));
    }

    // ---------------------------------------------------------------- type errors

    @Test
    void valueWithNoTypeIsRejected() {
        assertValidation(EMPTY, "{}");
        assertValidation(EMPTY, "{\"X\":\"a\"}");
        assertValidation(EMPTY, "{\"S\":null}");
    }

    @Test
    void valueWithTwoTypesIsRejected() {
        assertValidation(TWO_TYPES, "{\"S\":\"a\",\"N\":\"1\"}");
    }

    @Test
    void wrongJsonTypesAreSerializationErrors() {
        assertSerialization("NUMBER_VALUE cannot be converted to String", "{\"S\":5}");
        assertSerialization("NUMBER_VALUE cannot be converted to String", "{\"N\":5}");
        assertSerialization("Unexpected value type in payload", "{\"BOOL\":\"true\"}");
        assertSerialization("Unexpected value type in payload", "{\"NULL\":1}");
        assertSerialization("Unexpected value type in payload", "{\"M\":[]}");
        assertSerialization("Unexpected value type in payload", "{\"L\":{}}");
        assertSerialization("Unexpected value type in payload", "{\"SS\":\"a\"}");
        assertSerialization("Unexpected value type in payload", "\"a\"");
        assertSerialization("Unexpected value type in payload", "{\"L\":[\"a\"]}");
        ApiError e = assertThrows(ApiError.class, () -> decode("{\"SS\":[true]}"));
        assertEquals(ErrorCode.SERIALIZATION, e.code());
    }

    @Test
    void itemThatIsNotAnObjectIsASerializationError() {
        ApiError e = assertThrows(ApiError.class, () -> AttributeValueCodec.decodeItem(tree("[]")));
        assertEquals(ErrorCode.SERIALIZATION, e.code());
    }

    @Test
    void nullFalseIsRejected() {
        assertValidation("One or more parameter values were invalid: Null attribute value types must have the value of true",
                "{\"NULL\":false}");
    }

    @Test
    void base64WithADanglingCharacterIsASerializationError() {
        assertSerialization("Base64 encoded length is expected a multiple of 4 bytes but found: 5", "{\"B\":\"AAAAA\"}");
    }

    @Test
    void base64OfWrongLengthOrWithForeignCharactersIsASerializationError() {
        assertSerialization("Base64 encoded length is expected a multiple of 4 bytes but found: 3", "{\"B\":\"abc\"}");
        ApiError e = assertThrows(ApiError.class, () -> decode("{\"B\":\"!!!!\"}"));
        assertEquals(ErrorCode.SERIALIZATION, e.code());
    }

    // ---------------------------------------------------------------- number errors

    @Test
    void textThatIsNotANumberIsRejected() {
        assertValidation("The parameter cannot be converted to a numeric value: abc", "{\"N\":\"abc\"}");
        assertValidation("The parameter cannot be converted to a numeric value:  1", "{\"N\":\" 1\"}");
        assertValidation("The parameter cannot be converted to a numeric value", "{\"N\":\"\"}");
        assertValidation("The parameter cannot be converted to a numeric value: NaN", "{\"NS\":[\"1\",\"NaN\"]}");
        // digits of other scripts (Arabic-Indic, fullwidth) are not numbers to DynamoDB
        assertValidation("The parameter cannot be converted to a numeric value: \u0661\u0662", "{\"N\":\"\u0661\u0662\"}");
        assertValidation("The parameter cannot be converted to a numeric value: 1\uff10", "{\"N\":\"1\uff10\"}");
    }

    @Test
    void numbersOutsideDynamoDbsRangeAreRejected() {
        assertValidation(TOO_PRECISE, "{\"N\":\"1.00000000000000000000000000000000000001\"}");
        assertValidation(OVERFLOW, "{\"N\":\"1E+126\"}");
        assertValidation(UNDERFLOW, "{\"N\":\"1E-131\"}");
        assertValidation(OVERFLOW, "{\"NS\":[\"1\",\"-1E+126\"]}");
    }

    @Test
    void thirtyEightSignificantDigitsAndTheExtremeMagnitudesAreAccepted() {
        assertEquals(AttributeValue.n("12345678901234567890123456789012345678"),
                decode("{\"N\":\"12345678901234567890123456789012345678\"}"));
        decode("{\"N\":\"9.9999999999999999999999999999999999999E+125\"}");
        decode("{\"N\":\"-1E-130\"}");
    }

    // ---------------------------------------------------------------- set errors

    @Test
    void emptyStringSetIsRejected() {
        assertValidation("One or more parameter values were invalid: An string set  may not be empty", "{\"SS\":[]}");
    }

    @Test
    void emptyNumberSetIsRejected() {
        assertValidation("One or more parameter values were invalid: An number set  may not be empty", "{\"NS\":[]}");
    }

    @Test
    void emptyBinarySetIsRejected() {
        assertValidation("One or more parameter values were invalid: Binary sets should not be empty", "{\"BS\":[]}");
    }

    @Test
    void duplicateStringsAreRejected() {
        assertValidation("One or more parameter values were invalid: Input collection [a, b, a] contains duplicates.",
                "{\"SS\":[\"a\",\"b\",\"a\"]}");
    }

    @Test
    void stringSetMembersDifferingOnlyInCaseAreNotDuplicates() {
        assertEquals(new AttributeValue.StrSet(List.of("a", "A")), decode("{\"SS\":[\"a\",\"A\"]}"));
    }

    @Test
    void numberSetDuplicatesAreFoundByNumericValue() {
        assertValidation("Input collection contains duplicates", "{\"NS\":[\"1\",\"1.0\"]}");
        assertValidation("Input collection contains duplicates", "{\"NS\":[\"100\",\"1E2\"]}");
        assertValidation("Input collection contains duplicates", "{\"NS\":[\"0\",\"-0\"]}");
    }

    @Test
    void duplicateBinariesAreRejected() {
        assertValidation("One or more parameter values were invalid: Input collection [AQ==, AQ==]of type BS contains"
                + " duplicates.", "{\"BS\":[\"AQ==\",\"AQ==\"]}");
    }

    // ---------------------------------------------------------------- nesting

    /**
     * The top-level attribute value is level 1, so {@code wraps} maps or lists around a scalar put the
     * scalar at level {@code wraps + 1}. Level 32 is the deepest accepted (real DynamoDB: 31 wraps ok,
     * 32 wraps rejected).
     */
    @Test
    void nestingUpToLevel32IsAcceptedAndLevel33IsRejected() {
        assertEquals(31, depthOfMaps(decode(nestedMaps(31))));
        assertValidation(TOO_DEEP, nestedMaps(32));
        decode(nestedLists(31));
        assertValidation(TOO_DEEP, nestedLists(32));
    }

    @Test
    void nestingLimitCountsContainersNotScalars() {
        // 32 maps, the innermost empty: the deepest value (that empty map) is at level 32.
        decode("{\"M\":{\"n\":".repeat(31) + "{\"M\":{}}" + "}}".repeat(31));
        assertValidation(TOO_DEEP, "{\"M\":{\"n\":".repeat(32) + "{\"M\":{}}" + "}}".repeat(32));
    }

    @Test
    void nestingLimitAppliesToItemAttributes() {
        AttributeValueCodec.decodeItem(tree("{\"a\":" + nestedMaps(31) + "}"));
        ApiError e = assertThrows(ApiError.class,
                () -> AttributeValueCodec.decodeItem(tree("{\"a\":" + nestedMaps(32) + "}")));
        assertEquals(TOO_DEEP, e.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    private static String nestedMaps(int wraps) {
        return "{\"M\":{\"n\":".repeat(wraps) + "{\"S\":\"leaf\"}" + "}}".repeat(wraps);
    }

    private static String nestedLists(int wraps) {
        return "{\"L\":[".repeat(wraps) + "{\"S\":\"leaf\"}" + "]}".repeat(wraps);
    }

    private static int depthOfMaps(AttributeValue value) {
        int depth = 0;
        while (value instanceof AttributeValue.MapValue m) {
            depth++;
            value = m.value().get("n");
        }
        return depth;
    }

    private static void assertValidation(String message, String json) {
        ApiError e = assertThrows(ApiError.class, () -> decode(json), json);
        assertEquals(ErrorCode.VALIDATION, e.code(), json);
        assertEquals(message, e.getMessage(), json);
    }

    private static void assertSerialization(String message, String json) {
        ApiError e = assertThrows(ApiError.class, () -> decode(json), json);
        assertEquals(ErrorCode.SERIALIZATION, e.code(), json);
        assertEquals(message, e.getMessage(), json);
    }

    private static AttributeValue decode(String json) {
        return AttributeValueCodec.decode(tree(json));
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String text(JsonNode node) {
        return new String(Json.toBytes(node), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anItemAttributeNameMayNotBeEmpty() {
        ApiError e = assertThrows(ApiError.class,
                () -> AttributeValueCodec.decodeItem(Json.MAPPER.readTree("{\"\": {\"S\": \"x\"}}")));
        assertEquals("One or more parameter values were invalid: Empty attribute name", e.getMessage());
    }

    @Test
    void itemBytesAreTheSameBytesAsTheTreeSerialized() {
        Map<String, AttributeValue> item = AttributeValueCodec.decodeItem(Json.readTree(("{\"pk\":{\"S\":\"é \\\"q\\\" \\u0001 😀\"},"
                + "\"n\":{\"N\":\"-1.50E+3\"},\"b\":{\"B\":\"AAEC\"},\"t\":{\"BOOL\":false},\"z\":{\"NULL\":true},"
                + "\"m\":{\"M\":{\"l\":{\"L\":[{\"S\":\"x\"},{\"N\":\"1\"},{\"M\":{}}]}}},"
                + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2.5\"]},\"bs\":{\"BS\":[\"AA==\"]}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        byte[] expected = Json.toBytes(AttributeValueCodec.encodeItem(item));
        byte[] written = AttributeValueCodec.itemBytes(item, 3);
        assertEquals(0, written[0] | written[1] | written[2], "the prefix is left for the caller");
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, java.util.Arrays.copyOfRange(written, 3, written.length));
    }
}
