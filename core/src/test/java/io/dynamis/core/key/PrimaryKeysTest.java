package io.dynamis.core.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.model.AttributeValue.Type;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Primary key rules with DynamoDB's messages. */
class PrimaryKeysTest {

    private static final PrimaryKeySchema HASH = new PrimaryKeySchema(new KeyAttribute("pk", Type.S), null);
    private static final PrimaryKeySchema COMPOSITE =
            new PrimaryKeySchema(new KeyAttribute("pk", Type.S), new KeyAttribute("sk", Type.N));
    private static final PrimaryKeySchema STRING_SORT =
            new PrimaryKeySchema(new KeyAttribute("pk", Type.B), new KeyAttribute("sk", Type.S));

    private static final String NO_MATCH = "The provided key element does not match the schema";
    private static final String HASH_TOO_BIG =
            "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes";
    private static final String SORT_TOO_BIG = "One or more parameter values were invalid: Aggregated size of all range"
            + " keys has exceeded the size limit of 1024 bytes";

    // ---------------------------------------------------------------- ofItem

    @Test
    void itemKeyIsTakenFromTheItem() {
        Map<String, AttributeValue> item = item("pk", AttributeValue.s("p"), "sk", AttributeValue.n(3), "x", AttributeValue.nul());
        PrimaryKeys.Key key = PrimaryKeys.ofItem(COMPOSITE, item);
        assertEquals(new PrimaryKeys.Key(AttributeValue.s("p"), AttributeValue.n(3)), key);
        assertEquals(List.of("pk", "sk"), List.copyOf(key.toMap(COMPOSITE).keySet()));
        PrimaryKeys.Key hashOnly = PrimaryKeys.ofItem(HASH, item);
        assertNull(hashOnly.sort());
        assertEquals(Map.of("pk", AttributeValue.s("p")), hashOnly.toMap(HASH));
    }

    @Test
    void itemMissingAKeyAttributeIsRejected() {
        assertValidation("One or more parameter values were invalid: Missing the key pk in the item",
                () -> PrimaryKeys.ofItem(COMPOSITE, item("x", AttributeValue.s("v"))));
        assertValidation("One or more parameter values were invalid: Missing the key sk in the item",
                () -> PrimaryKeys.ofItem(COMPOSITE, item("pk", AttributeValue.s("p"))));
    }

    @Test
    void itemKeyOfTheWrongTypeIsRejected() {
        assertValidation("One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
                () -> PrimaryKeys.ofItem(HASH, item("pk", AttributeValue.n(1))));
        assertValidation("One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S",
                () -> PrimaryKeys.ofItem(COMPOSITE, item("pk", AttributeValue.s("p"), "sk", AttributeValue.s("1"))));
        assertValidation("One or more parameter values were invalid: Type mismatch for key pk expected: S actual: SS",
                () -> PrimaryKeys.ofItem(HASH, item("pk", new AttributeValue.StrSet(List.of("a")))));
    }

    // ---------------------------------------------------------------- ofKey

    @Test
    void keyWithExactlyTheKeyAttributesIsAccepted() {
        PrimaryKeys.Key key = PrimaryKeys.ofKey(COMPOSITE, item("sk", AttributeValue.n("-1.5"), "pk", AttributeValue.s("p")));
        assertEquals(new PrimaryKeys.Key(AttributeValue.s("p"), AttributeValue.n("-1.5")), key);
    }

    @Test
    void keyThatDoesNotMatchTheSchemaIsRejected() {
        // extra attribute
        assertValidation(NO_MATCH, () -> PrimaryKeys.ofKey(HASH, item("pk", AttributeValue.s("p"), "x", AttributeValue.s("y"))));
        // missing sort key, and a same-sized key with a wrong name in its place
        assertValidation(NO_MATCH, () -> PrimaryKeys.ofKey(COMPOSITE, item("pk", AttributeValue.s("p"))));
        assertValidation(NO_MATCH, () -> PrimaryKeys.ofKey(COMPOSITE, item("pk", AttributeValue.s("p"), "x", AttributeValue.n(1))));
        // missing partition key, and an empty key
        assertValidation(NO_MATCH, () -> PrimaryKeys.ofKey(HASH, item("x", AttributeValue.s("p"))));
        assertValidation(NO_MATCH, () -> PrimaryKeys.ofKey(HASH, Map.of()));
        // wrong types
        assertValidation(NO_MATCH, () -> PrimaryKeys.ofKey(HASH, item("pk", AttributeValue.n(1))));
        assertValidation(NO_MATCH, () -> PrimaryKeys.ofKey(COMPOSITE, item("pk", AttributeValue.s("p"), "sk", AttributeValue.s("1"))));
    }

    // ---------------------------------------------------------------- empty and oversized values

    @Test
    void emptyStringKeyInAnItemIsRejected() {
        assertValidation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot"
                + " contain an empty string value. Key: pk", () -> PrimaryKeys.ofItem(HASH, item("pk", AttributeValue.s(""))));
        assertValidation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot"
                + " contain an empty string value. Key: sk", () -> PrimaryKeys.ofItem(STRING_SORT, sortKeyItem("")));
    }

    @Test
    void emptyStringKeyInAKeyParameterIsRejectedWithOtherWording() {
        assertValidation("One or more parameter values were invalid: The AttributeValue for a key attribute cannot"
                + " contain an empty string value. Key: pk", () -> PrimaryKeys.ofKey(HASH, item("pk", AttributeValue.s(""))));
        assertValidation("One or more parameter values were invalid: The AttributeValue for a key attribute cannot"
                + " contain an empty string value. Key: sk", () -> PrimaryKeys.ofKey(STRING_SORT, sortKeyItem("")));
    }

    @Test
    void emptyBinaryKeyIsRejected() {
        assertValidation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot"
                + " contain an empty binary value. Key: pk",
                () -> PrimaryKeys.ofItem(STRING_SORT, item("pk", AttributeValue.b(new byte[0]), "sk", AttributeValue.s("s"))));
        assertValidation("One or more parameter values were invalid: The AttributeValue for a key attribute cannot"
                + " contain an empty binary value. Key: pk",
                () -> PrimaryKeys.ofKey(STRING_SORT, item("pk", AttributeValue.b(new byte[0]), "sk", AttributeValue.s("s"))));
    }

    @Test
    void emptinessIsCheckedBeforeSize() {
        Map<String, AttributeValue> item = item("pk", AttributeValue.b(new byte[3000]), "sk", AttributeValue.s(""));
        assertValidation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot"
                + " contain an empty string value. Key: sk", () -> PrimaryKeys.ofItem(STRING_SORT, item));
    }

    @Test
    void zeroIsAValidNumberKey() {
        assertEquals(new PrimaryKeys.Key(AttributeValue.s("p"), AttributeValue.n(0)),
                PrimaryKeys.ofItem(COMPOSITE, item("pk", AttributeValue.s("p"), "sk", AttributeValue.n(0))));
    }

    @Test
    void partitionKeyMayHold2048BytesButNot2049() {
        PrimaryKeys.ofItem(HASH, item("pk", AttributeValue.s("a".repeat(2048))));
        assertValidation(HASH_TOO_BIG, () -> PrimaryKeys.ofItem(HASH, item("pk", AttributeValue.s("a".repeat(2049)))));
        assertValidation(HASH_TOO_BIG, () -> PrimaryKeys.ofKey(HASH, item("pk", AttributeValue.s("a".repeat(2049)))));
    }

    @Test
    void partitionKeySizeCountsUtf8BytesAndBinaryBytes() {
        PrimaryKeys.ofItem(HASH, item("pk", AttributeValue.s("é".repeat(1024))));
        assertValidation(HASH_TOO_BIG, () -> PrimaryKeys.ofItem(HASH, item("pk", AttributeValue.s("é".repeat(1024) + "a"))));
        PrimaryKeys.ofKey(STRING_SORT, item("pk", AttributeValue.b(new byte[2048]), "sk", AttributeValue.s("s")));
        assertValidation(HASH_TOO_BIG,
                () -> PrimaryKeys.ofKey(STRING_SORT, item("pk", AttributeValue.b(new byte[2049]), "sk", AttributeValue.s("s"))));
    }

    @Test
    void sortKeyMayHold1024BytesButNot1025() {
        PrimaryKeys.ofItem(STRING_SORT, sortKeyItem("a".repeat(1024)));
        PrimaryKeys.ofItem(STRING_SORT, sortKeyItem("é".repeat(512)));
        assertValidation(SORT_TOO_BIG, () -> PrimaryKeys.ofItem(STRING_SORT, sortKeyItem("a".repeat(1025))));
        assertValidation(SORT_TOO_BIG, () -> PrimaryKeys.ofItem(STRING_SORT, sortKeyItem("é".repeat(512) + "a")));
        assertValidation(SORT_TOO_BIG, () -> PrimaryKeys.ofKey(STRING_SORT, sortKeyItem("a".repeat(1025))));
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, AttributeValue> sortKeyItem(String sort) {
        return item("pk", AttributeValue.b(new byte[] {1}), "sk", AttributeValue.s(sort));
    }

    private static Map<String, AttributeValue> item(Object... namesAndValues) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return item;
    }

    private static void assertValidation(String message, Executable call) {
        ApiError e = assertThrows(ApiError.class, call);
        assertEquals(ErrorCode.VALIDATION, e.code());
        assertEquals(message, e.getMessage());
    }
}
