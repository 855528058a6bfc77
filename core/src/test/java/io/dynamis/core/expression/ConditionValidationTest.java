package io.dynamis.core.expression;

import static io.dynamis.core.expression.Requests.error;
import static io.dynamis.core.expression.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConditionValidationTest {

    private static String conditionError(String expression, String values) {
        String json = "{'ConditionExpression': '" + expression + "'"
                + (values == null ? "" : ", 'ExpressionAttributeValues': " + values) + "}";
        return error(() -> ItemExpressions.condition(request(json)));
    }

    @Test
    void functionsMustExistAndFitTheirPlace() {
        assertEquals("Invalid ConditionExpression: Invalid function name; function: foo", conditionError("foo(a)", null));
        assertEquals("Invalid ConditionExpression: The function is not allowed in a condition expression; function: list_append",
                conditionError("list_append(a, b)", null));
        assertEquals("Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size",
                conditionError("size(a)", null));
        assertEquals("Invalid ConditionExpression: The function is not allowed to be used this way in an expression;"
                + " function: attribute_exists", conditionError("attribute_exists(a) = :v", "{':v': {'BOOL': true}}"));
    }

    @Test
    void operandCountsAndTypes() {
        assertEquals("Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or"
                + " function: begins_with, number of operands: 1", conditionError("begins_with(a)", null));
        assertEquals("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or"
                + " function: begins_with, operand type: N", conditionError("begins_with(a, :v)", "{':v': {'N': '1'}}"));
        assertEquals("Invalid ConditionExpression: Invalid attribute type name found; type: X, valid types:"
                + " {B,NULL,SS,BOOL,L,BS,N,NS,S,M}", conditionError("attribute_type(a, :t)", "{':t': {'S': 'X'}}"));
        assertEquals("Invalid ConditionExpression: Operator or function requires a document path; operator or function:"
                + " attribute_exists", conditionError("attribute_exists(:v)", "{':v': {'S': 'x'}}"));
    }

    @Test
    void firstOperandMustDifferFromTheOthers() {
        assertEquals("Invalid ConditionExpression: The first operand must be distinct from the remaining operands for"
                + " this operator or function; operator: =, first operand: [a, b]", conditionError("a.b = a.b", null));
    }

    @Test
    void betweenBoundsAreChecked() {
        assertEquals("Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper"
                + " bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}",
                conditionError("x BETWEEN :b AND :a", "{':a': {'S': 'a'}, ':b': {'N': '1'}}"));
        assertEquals("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal"
                + " to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}",
                conditionError("x BETWEEN :b AND :a", "{':a': {'S': 'a'}, ':b': {'S': 'b'}}"));
    }

    @Test
    void redundantParentheses() {
        assertEquals("Invalid ConditionExpression: The expression has redundant parentheses;",
                conditionError("((attribute_not_exists(pk)))", null));
    }

    @Test
    void filterErrorsCarryTheirOwnPrefix() {
        assertEquals("Invalid FilterExpression: Invalid function name; function: foo",
                error(() -> ItemExpressions.scan(request("{'FilterExpression': 'foo(a)'}"))));
    }

    @Test
    void orderingComparisonsNeedStringsNumbersOrBinaries() {
        assertEquals("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <,"
                + " operand type: L", conditionError("a < :v", "{':v': {'L': []}}"));
        assertEquals("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: >=,"
                + " operand type: BOOL", conditionError(":v >= a", "{':v': {'BOOL': true}}"));
        assertEquals("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function:"
                + " BETWEEN, operand type: M", conditionError("a BETWEEN :v AND :v", "{':v': {'M': {}}}"));
        // equality compares every type
        ItemExpressions.condition(request("{'ConditionExpression': 'a = :v AND b <> :v', 'ExpressionAttributeValues':"
                + " {':v': {'SS': ['x']}}}"));
    }
}
