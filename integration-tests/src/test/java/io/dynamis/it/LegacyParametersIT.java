package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.assertSameItem;
import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.key;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static io.dynamis.it.Items.ss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The legacy conditional parameters (Developer Guide, "Legacy conditional parameters"): Expected with
 * ConditionalOperator, AttributeUpdates and AttributesToGet, and their exclusion with expression parameters.
 */
@ExtendWith(StackExtension.class)
class LegacyParametersIT {

    private final DynamoDbClient client;
    private String table;

    LegacyParametersIT(DynamisStack stack) {
        this.client = stack.client();
    }

    @BeforeEach
    void createTable() {
        table = Tables.createHashTable(client, "legacy", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "a", n("5"), "t", s("text"), "tg", ss("x", "y"))));
    }

    private static ExpectedAttributeValue value(AttributeValue v) {
        return ExpectedAttributeValue.builder().value(v).build();
    }

    private static ExpectedAttributeValue exists(boolean exists) {
        return ExpectedAttributeValue.builder().exists(exists).build();
    }

    private static ExpectedAttributeValue op(ComparisonOperator op, AttributeValue... values) {
        return ExpectedAttributeValue.builder().comparisonOperator(op).attributeValueList(values).build();
    }

    /** True when the expectations hold (a DeleteItem of a missing item is the probe: it changes nothing). */
    private boolean holds(Map<String, ExpectedAttributeValue> expected, ConditionalOperator operator) {
        try {
            client.updateItem(r -> r.tableName(table).key(key("k")).expected(expected).conditionalOperator(operator)
                    .attributeUpdates(Map.of("probe", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(n("1")).build())));
            return true;
        } catch (ConditionalCheckFailedException e) {
            assertEquals("The conditional request failed", e.awsErrorDetails().errorMessage());
            return false;
        }
    }

    private boolean holds(String name, ExpectedAttributeValue expected) {
        return holds(Map.of(name, expected), null);
    }

    @Test
    void valueAndExistsForms() {
        assertEquals(true, holds("a", value(n("5"))));
        assertEquals(false, holds("a", value(n("6"))));
        assertEquals(false, holds("nosuch", value(n("5"))));
        assertEquals(true, holds("a", ExpectedAttributeValue.builder().value(n("5")).exists(true).build()));
        assertEquals(true, holds("nosuch", exists(false)));
        assertEquals(false, holds("a", exists(false)));
    }

    @Test
    void comparisonOperatorForms() {
        assertEquals(true, holds("a", op(ComparisonOperator.EQ, n("5"))));
        assertEquals(true, holds("a", op(ComparisonOperator.NE, n("4"))));
        assertEquals(true, holds("a", op(ComparisonOperator.LT, n("6"))));
        assertEquals(true, holds("a", op(ComparisonOperator.LE, n("5"))));
        assertEquals(true, holds("a", op(ComparisonOperator.GT, n("4"))));
        assertEquals(false, holds("a", op(ComparisonOperator.GE, n("6"))));
        assertEquals(true, holds("a", op(ComparisonOperator.BETWEEN, n("1"), n("5"))));
        assertEquals(true, holds("a", op(ComparisonOperator.IN, n("1"), n("5"))));
        assertEquals(true, holds("t", op(ComparisonOperator.BEGINS_WITH, s("te"))));
        assertEquals(true, holds("t", op(ComparisonOperator.CONTAINS, s("ex"))));
        assertEquals(true, holds("tg", op(ComparisonOperator.CONTAINS, s("x"))));
        assertEquals(true, holds("tg", op(ComparisonOperator.NOT_CONTAINS, s("z"))));
        assertEquals(true, holds("a", op(ComparisonOperator.NOT_NULL)));
        assertEquals(true, holds("nosuch", op(ComparisonOperator.NULL)));
        assertEquals(false, holds("a", op(ComparisonOperator.NULL)));
        assertEquals(false, holds("a", op(ComparisonOperator.EQ, s("5"))), "another type is not equal");
    }

    @Test
    void conditionalOperatorCombinesExpectations() {
        Map<String, ExpectedAttributeValue> oneTrue = Map.of("a", value(n("5")), "t", value(s("other")));
        assertEquals(false, holds(oneTrue, null), "AND by default");
        assertEquals(false, holds(oneTrue, ConditionalOperator.AND));
        assertEquals(true, holds(oneTrue, ConditionalOperator.OR));
    }

    @Test
    void expectedOnPutAndDelete() {
        assertThrows(ConditionalCheckFailedException.class, () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k")))
                .expected(Map.of("pk", exists(false)))));
        client.putItem(r -> r.tableName(table).item(item("pk", s("new"))).expected(Map.of("pk", exists(false))));
        assertThrows(ConditionalCheckFailedException.class, () -> client.deleteItem(r -> r.tableName(table).key(key("k"))
                .expected(Map.of("a", value(n("1"))))));
        client.deleteItem(r -> r.tableName(table).key(key("k")).expected(Map.of("a", value(n("5")))));
        assertFalse(client.getItem(r -> r.tableName(table).key(key("k"))).hasItem());
    }

    @Test
    void invalidExpectedForms() {
        expectValidation("One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a",
                () -> holds("a", ExpectedAttributeValue.builder().value(n("5")).exists(false).build()));
        expectValidation("One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a",
                () -> holds("a", exists(true)));
        expectValidation("One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator",
                () -> holds("a", op(ComparisonOperator.BETWEEN, n("1"))));
    }

    private static AttributeValueUpdate action(AttributeAction action, AttributeValue value) {
        return AttributeValueUpdate.builder().action(action).value(value).build();
    }

    @Test
    void attributeUpdatesPutAddDelete() {
        Map<String, AttributeValueUpdate> updates = new java.util.LinkedHashMap<>();
        updates.put("t", action(AttributeAction.PUT, s("new")));
        updates.put("a", action(AttributeAction.ADD, n("2")));
        updates.put("fresh", action(AttributeAction.ADD, n("3")));
        updates.put("tg", action(AttributeAction.DELETE, ss("x")));
        client.updateItem(r -> r.tableName(table).key(key("k")).attributeUpdates(updates));
        assertSameItem(item("pk", s("k"), "a", n("7"), "t", s("new"), "tg", ss("y"), "fresh", n("3")),
                client.getItem(r -> r.tableName(table).key(key("k"))).item());
        client.updateItem(r -> r.tableName(table).key(key("k")).attributeUpdates(Map.of(
                "t", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build(),
                "tg", action(AttributeAction.ADD, ss("z")))));
        assertSameItem(item("pk", s("k"), "a", n("7"), "tg", ss("y", "z"), "fresh", n("3")),
                client.getItem(r -> r.tableName(table).key(key("k"))).item());
    }

    @Test
    void attributeUpdatesCannotTouchTheKey() {
        expectValidation("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                () -> client.updateItem(r -> r.tableName(table).key(key("k")).attributeUpdates(Map.of("pk", action(AttributeAction.PUT, s("x"))))));
    }

    @Test
    void attributesToGet() {
        assertSameItem(item("a", n("5")), client.getItem(r -> r.tableName(table).key(key("k")).attributesToGet("a")).item());
    }

    @Test
    void legacyAndExpressionParametersCannotBeMixed() {
        expectValidation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters:"
                + " {Expected} Expression parameters: {ConditionExpression}",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"))).expected(Map.of("a", exists(false)))
                        .conditionExpression("attribute_exists(a)")));
        expectValidation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters:"
                + " {AttributeUpdates} Expression parameters: {UpdateExpression}",
                () -> client.updateItem(r -> r.tableName(table).key(key("k")).updateExpression("SET a = :v")
                        .expressionAttributeValues(item(":v", n("1")))
                        .attributeUpdates(Map.of("t", action(AttributeAction.PUT, s("x"))))));
        expectValidation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters:"
                + " {Expected} Expression parameters: {UpdateExpression}",
                () -> client.updateItem(r -> r.tableName(table).key(key("k")).updateExpression("SET a = :v")
                        .expressionAttributeValues(item(":v", n("1"))).expected(Map.of("a", exists(false)))));
        expectValidation("ExpressionAttributeNames can only be specified when using expressions",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"))).expected(Map.of("a", exists(false)))
                        .expressionAttributeNames(Map.of("#a", "a"))));
    }

    @Test
    void conditionalOperatorNeedsTwoOrMoreExpectations() {
        expectValidation("ConditionalOperator can only be used when Filter or Expected has two or more elements",
                () -> holds(Map.of("a", value(n("5"))), ConditionalOperator.OR));
    }

    @Test
    void conditionalOperatorNeedsExpected() {
        expectValidation("ConditionalOperator cannot be used without Filter or Expected",
                () -> client.deleteItem(r -> r.tableName(table).key(key("k")).conditionalOperator(ConditionalOperator.OR)));
        expectValidation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters:"
                + " {ConditionalOperator} Expression parameters: {ConditionExpression}",
                () -> client.deleteItem(r -> r.tableName(table).key(key("k")).conditionalOperator(ConditionalOperator.OR)
                        .conditionExpression("attribute_exists(a)")));
    }
}
