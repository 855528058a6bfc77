package io.dynamis.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wire shape of errors: full {@code __type}, message, HTTP status, and DynamoDB's message forms. */
class ApiErrorTest {

    @Test
    void validationErrorHasCoralNamespaceAndStatus400() {
        ApiError e = ApiError.validation("bad");
        assertEquals("{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"bad\"}",
                e.toJson().toString());
        assertEquals(400, e.status());
        assertSame(ErrorCode.VALIDATION, e.code());
    }

    @Test
    void tableNotFoundIsAResourceNotFoundInTheDynamoDbNamespace() {
        ApiError e = ApiError.tableNotFound("Music");
        assertEquals("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", e.toJson().get("__type").asText());
        assertEquals("Requested resource not found: Table: Music not found", e.toJson().get("message").asText());
        assertEquals(400, e.status());
    }

    @Test
    void factoriesUseTheirDocumentedTypesAndStatuses() {
        assertWire(ApiError.serialization("x"), "com.amazon.coral.service#SerializationException", 400);
        assertWire(ApiError.unknownOperation("x"), "com.amazon.coral.service#UnknownOperationException", 400);
        assertWire(ApiError.notYetSupported("Scan"), "com.amazon.coral.service#UnknownOperationException", 400);
        assertWire(ApiError.missingAuthenticationToken("x"),
                "com.amazon.coral.service#MissingAuthenticationTokenException", 400);
        assertWire(ApiError.resourceInUse("x"), "com.amazonaws.dynamodb.v20120810#ResourceInUseException", 400);
        assertWire(ApiError.limitExceeded("x"), "com.amazonaws.dynamodb.v20120810#LimitExceededException", 400);
        assertWire(ApiError.requestEntityTooLarge("x"), "com.amazon.coral.service#RequestEntityTooLargeException", 413);
        assertWire(ApiError.serviceUnavailable("x"), "com.amazon.coral.availability#ServiceUnavailableException", 503);
        assertWire(ApiError.internal("x"), "com.amazonaws.dynamodb.v20120810#InternalServerError", 500);
        assertEquals("Dynamis does not support the operation Scan yet", ApiError.notYetSupported("Scan").getMessage());
    }

    @Test
    void invalidParameterHasDynamoDbsPrefix() {
        assertEquals("One or more parameter values were invalid: x", ApiError.invalidParameter("x").getMessage());
        assertSame(ErrorCode.VALIDATION, ApiError.invalidParameter("x").code());
    }

    @Test
    void oneConstraintViolationIsSingular() {
        ApiError e = ApiError.constraintViolations(List.of("Value null at 'tableName' failed"));
        assertEquals("1 validation error detected: Value null at 'tableName' failed", e.getMessage());
        assertSame(ErrorCode.VALIDATION, e.code());
    }

    @Test
    void severalConstraintViolationsArePluralAndJoinedBySemicolons() {
        assertEquals("2 validation errors detected: a; b", ApiError.constraintViolations(List.of("a", "b")).getMessage());
        assertEquals("3 validation errors detected: a; b; c",
                ApiError.constraintViolations(List.of("a", "b", "c")).getMessage());
    }

    @Test
    void conditionalCheckFailedCarriesTheItemWhenGiven() {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.putObject("pk").put("S", "k");
        ObjectNode json = ApiError.conditionalCheckFailed(item).toJson();
        assertEquals("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                + "\"message\":\"The conditional request failed\",\"Item\":{\"pk\":{\"S\":\"k\"}}}", json.toString());
    }

    @Test
    void conditionalCheckFailedWithoutItemHasNoItemMember() {
        ObjectNode json = ApiError.conditionalCheckFailed(null).toJson();
        assertFalse(json.has("Item"));
        assertEquals(2, json.size());
    }

    @Test
    void serializationErrorSpellsItsMessageMemberWithACapital() {
        assertEquals("{\"__type\":\"com.amazon.coral.service#SerializationException\",\"Message\":\"x\"}",
                ApiError.serialization("x").toJson().toString());
        assertEquals("{\"__type\":\"com.amazon.coral.service#SerializationException\"}",
                ApiError.serialization(null).toJson().toString());
        assertEquals("Message", ErrorCode.TRANSACTION_CANCELED.messageKey());
        assertEquals("message", ErrorCode.RESOURCE_NOT_FOUND.messageKey());
    }

    @Test
    void tableNotFoundForItemsHasTheShortMessage() {
        ApiError e = ApiError.tableNotFoundForItems();
        assertSame(ErrorCode.RESOURCE_NOT_FOUND, e.code());
        assertEquals("Requested resource not found", e.getMessage());
    }

    @Test
    void nullMessageIsLeftOut() {
        ObjectNode json = new ApiError(ErrorCode.THROTTLING, null).toJson();
        assertEquals("{\"__type\":\"com.amazon.coral.availability#ThrottlingException\"}", json.toString());
    }

    @Test
    void everyCodeHasAUniqueNameFoundByByName() {
        Set<String> names = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(names.add(code.errorName()), code::name);
            assertSame(code, ErrorCode.byName(code.errorName()));
            assertTrue(code.wireType().endsWith("#" + code.errorName()), code::name);
            assertTrue(code.wireType().startsWith("com.amazon"), code::name);
        }
        assertNull(ErrorCode.byName("NoSuchException"));
    }

    private static void assertWire(ApiError e, String type, int status) {
        assertEquals(type, e.toJson().get("__type").asText());
        assertEquals(e.getMessage(), e.toJson().get(e.code().messageKey()).asText());
        assertEquals(status, e.status());
    }
}
