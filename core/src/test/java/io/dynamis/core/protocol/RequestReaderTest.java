package io.dynamis.core.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Request members: wrong JSON types fail at once, constraint violations are collected in DynamoDB's form. */
class RequestReaderTest {

    private static final String PATTERN = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";
    private static final String MIN = "Member must have length greater than or equal to 3";
    private static final String MAX = "Member must have length less than or equal to 255";

    // ---------------------------------------------------------------- typed members

    @Test
    void membersOfTheRightTypeAreRead() {
        RequestReader r = reader("{\"s\":\"x\",\"i\":42,\"b\":true,\"l\":[1],\"o\":{},\"item\":{\"a\":{\"N\":\"1.0\"}}}");
        assertEquals("x", r.string("s"));
        assertEquals(42L, r.integer("i"));
        assertEquals(Boolean.TRUE, r.bool("b"));
        assertEquals(1, r.list("l").size());
        assertTrue(r.object("o").isEmpty());
        assertEquals(Map.of("a", AttributeValue.n(1)), r.attributeMap("item"));
    }

    @Test
    void absentAndJsonNullMembersReadAsNull() {
        RequestReader r = reader("{\"n\":null}");
        for (String member : new String[] {"n", "missing"}) {
            assertFalse(r.has(member));
            assertNull(r.string(member));
            assertNull(r.integer(member));
            assertNull(r.bool(member));
            assertNull(r.list(member));
            assertNull(r.object(member));
            assertNull(r.attributeMap(member));
        }
    }

    @Test
    void wrongJsonTypesAreSerializationErrors() {
        RequestReader r = reader("{\"n\":5,\"f\":1.5,\"t\":true,\"no\":false,\"s\":\"5\",\"a\":[],\"o\":{},"
                + "\"big\":100000000000000000000000}");
        assertSerialization("NUMBER_VALUE cannot be converted to String", () -> r.string("n"));
        assertSerialization("TRUE_VALUE cannot be converted to String", () -> r.string("t"));
        assertSerialization("START_ARRAY cannot be converted to String", () -> r.string("a"));
        assertSerialization("START_OBJECT cannot be converted to String", () -> r.string("o"));
        assertSerialization("STRING_VALUE cannot be converted to Long", () -> r.integer("s"));
        assertSerialization("NUMBER_VALUE cannot be converted to Long", () -> r.integer("f"));
        assertSerialization("NUMBER_VALUE cannot be converted to Long", () -> r.integer("big"));
        assertSerialization("FALSE_VALUE cannot be converted to Long", () -> r.integer("no"));
        assertSerialization("STRING_VALUE cannot be converted to Boolean", () -> r.bool("s"));
        assertSerialization("NUMBER_VALUE cannot be converted to Boolean", () -> r.bool("n"));
        assertSerialization("Unexpected value type in payload", () -> r.list("o"));
        assertSerialization("Unexpected value type in payload", () -> r.object("a"));
        assertSerialization("Unexpected value type in payload", () -> r.attributeMap("s"));
    }

    @Test
    void wrongTypeFailsAtOnceEvenWithViolationsPending() {
        RequestReader r = reader("{\"TableName\":5}");
        r.requirePresent("Key", "key");
        assertSerialization("NUMBER_VALUE cannot be converted to String", r::tableName);
    }

    // ---------------------------------------------------------------- table names

    @Test
    void validTableNamesPass() {
        for (String name : new String[] {"abc", "My_Table.v2-x", "a".repeat(255)}) {
            RequestReader r = reader(tableRequest(name));
            assertEquals(name, r.tableName());
            r.validate();
        }
    }

    @Test
    void missingTableNameMustNotBeNull() {
        assertTableNameViolations("{}",
                "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
        assertTableNameViolations("{\"TableName\":null}",
                "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void shortTableNameViolatesMinimumLength() {
        assertTableNameViolations(tableRequest("ab"),
                "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: " + MIN);
    }

    @Test
    void longTableNameViolatesMaximumLength() {
        String name = "a".repeat(256);
        assertTableNameViolations(tableRequest(name),
                "1 validation error detected: Value '" + name + "' at 'tableName' failed to satisfy constraint: " + MAX);
    }

    @Test
    void patternViolationComesBeforeLengthViolations() {
        assertTableNameViolations(tableRequest("a!"),
                "2 validation errors detected: Value 'a!' at 'tableName' failed to satisfy constraint: " + PATTERN
                        + "; Value 'a!' at 'tableName' failed to satisfy constraint: " + MIN);
        assertTableNameViolations(tableRequest(""),
                "2 validation errors detected: Value '' at 'tableName' failed to satisfy constraint: " + PATTERN
                        + "; Value '' at 'tableName' failed to satisfy constraint: " + MIN);
        String longBad = "!".repeat(256);
        assertTableNameViolations(tableRequest(longBad),
                "2 validation errors detected: Value '" + longBad + "' at 'tableName' failed to satisfy constraint: "
                        + PATTERN + "; Value '" + longBad + "' at 'tableName' failed to satisfy constraint: " + MAX);
    }

    // ---------------------------------------------------------------- table operations

    @Test
    void tableOperationsRequireTheTableNameAtOnceAndCollectEveryConstraint() {
        assertImmediateValidation("The parameter 'TableName' is required but was not present in the request",
                reader("{}")::requiredTableName);
        RequestReader r = reader(tableRequest("a!"));
        assertEquals("a!", r.requiredTableName());
        assertValidateThrows(r, "2 validation errors detected: Value 'a!' at 'tableName' failed to satisfy constraint: "
                + PATTERN + "; Value 'a!' at 'tableName' failed to satisfy constraint: " + MIN);
    }

    @Test
    void tableNameCanBeReadFromAnotherMemberAndPath() {
        RequestReader r = reader("{\"SourceTableName\":\"x\"}");
        assertEquals("x", r.tableName("SourceTableName", "sourceTableName"));
        assertValidateThrows(r,
                "1 validation error detected: Value 'x' at 'sourceTableName' failed to satisfy constraint: " + MIN);
    }

    // ---------------------------------------------------------------- collecting violations

    @Test
    void violationsAreCollectedInOrderAndThrownByValidate() {
        RequestReader r = reader("{\"TableName\":\"t\",\"Select\":\"SOME\"}");
        assertEquals("t", r.tableName());
        r.requirePresent("Key", "key");
        assertEquals("SOME", r.enumValue("Select", "select", "ALL_ATTRIBUTES", "COUNT"));
        r.violation("Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        ApiError e = assertThrows(ApiError.class, r::validate);
        assertEquals(ErrorCode.VALIDATION, e.code());
        assertEquals("4 validation errors detected: "
                + "Value 't' at 'tableName' failed to satisfy constraint: " + MIN + "; "
                + "Value null at 'key' failed to satisfy constraint: Member must not be null; "
                + "Value 'SOME' at 'select' failed to satisfy constraint: Member must satisfy enum value set: "
                + "[ALL_ATTRIBUTES, COUNT]; "
                + "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
                e.getMessage());
    }

    @Test
    void validateWithoutViolationsDoesNothing() {
        RequestReader r = reader("{\"Key\":{}}");
        r.requirePresent("Key", "key");
        assertDoesNotThrow(r::validate);
    }

    @Test
    void enumValueAcceptsAllowedValuesAndAbsence() {
        RequestReader r = reader("{\"Mode\":\"TOTAL\"}");
        assertEquals("TOTAL", r.enumValue("Mode", "mode", "INDEXES", "TOTAL", "NONE"));
        assertNull(r.enumValue("Other", "other", "INDEXES", "TOTAL", "NONE"));
        assertDoesNotThrow(r::validate);
    }

    @Test
    void enumValueIsCaseSensitive() {
        RequestReader r = reader("{\"Mode\":\"total\"}");
        assertEquals("total", r.enumValue("Mode", "mode", "INDEXES", "TOTAL", "NONE"));
        assertValidateThrows(r, "1 validation error detected: Value 'total' at 'mode' failed to satisfy"
                + " constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
    }

    // ---------------------------------------------------------------- helpers

    private static String tableRequest(String name) {
        return "{\"TableName\":\"" + name + "\"}";
    }

    /** Reads TableName from the request, then expects validate() to throw exactly message. */
    private static void assertTableNameViolations(String requestJson, String message) {
        RequestReader r = reader(requestJson);
        r.tableName();
        assertValidateThrows(r, message);
    }

    private static void assertValidateThrows(RequestReader r, String message) {
        ApiError e = assertThrows(ApiError.class, r::validate, message);
        assertEquals(ErrorCode.VALIDATION, e.code());
        assertEquals(message, e.getMessage());
    }

    private static void assertImmediateValidation(String message, Executable read) {
        ApiError e = assertThrows(ApiError.class, read);
        assertEquals(ErrorCode.VALIDATION, e.code());
        assertEquals(message, e.getMessage());
    }

    private static void assertSerialization(String message, Executable read) {
        ApiError e = assertThrows(ApiError.class, read);
        assertEquals(ErrorCode.SERIALIZATION, e.code());
        assertEquals(message, e.getMessage());
    }

    private static RequestReader reader(String json) {
        ObjectNode node = Json.parseRequest(json.getBytes(StandardCharsets.UTF_8));
        return new RequestReader(node);
    }
}
