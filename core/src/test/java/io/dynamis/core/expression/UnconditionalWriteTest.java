package io.dynamis.core.expression;

import static io.dynamis.core.expression.Requests.error;
import static io.dynamis.core.expression.Requests.request;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * A write with none of a condition's members takes a short way through {@link ItemExpressions#condition} and
 * {@link ItemExpressions#checkConditionParameters} (no condition, nothing checked): these are the requests at its
 * edge, which must get what the whole way gives them.
 */
class UnconditionalWriteTest {

    @Test
    void aWriteWithoutConditionMembersHasNoCondition() {
        assertNull(ItemExpressions.condition(request("{'TableName': 't', 'Item': {'k': {'S': 'a'}}}")));
        assertDoesNotThrow(() -> ItemExpressions.checkConditionParameters(request("{'TableName': 't'}")));
    }

    @Test
    void conditionMembersThatAreJsonNullAreAbsent() {
        String nulls = "{'ConditionExpression': null, 'Expected': null, 'ConditionalOperator': null,"
                + " 'ExpressionAttributeNames': null, 'ExpressionAttributeValues': null}";
        assertNull(ItemExpressions.condition(request(nulls)));
        assertDoesNotThrow(() -> ItemExpressions.checkConditionParameters(request(nulls)));
    }

    @Test
    void anyOneConditionMemberIsStillChecked() {
        assertEquals("ConditionalOperator cannot be used without Filter or Expected",
                error(() -> ItemExpressions.condition(request("{'ConditionalOperator': 'AND'}"))));
        assertEquals("ExpressionAttributeNames can only be specified when using expressions",
                error(() -> ItemExpressions.condition(request("{'ExpressionAttributeNames': {'#a': 'a'}}"))));
        assertEquals("ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null",
                error(() -> ItemExpressions.condition(request("{'ExpressionAttributeValues': {':v': {'S': 'x'}}}"))));
        assertEquals("Can not use both expression and non-expression parameters in the same request:"
                        + " Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
                error(() -> ItemExpressions.checkConditionParameters(request("{'ConditionExpression': 'attribute_exists(a)',"
                        + " 'Expected': {'a': {'Exists': true}}}"))));
        assertNotNull(ItemExpressions.condition(request("{'ConditionExpression': 'attribute_exists(a)'}")));
    }
}
