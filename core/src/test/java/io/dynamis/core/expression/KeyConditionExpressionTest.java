package io.dynamis.core.expression;

import static io.dynamis.core.expression.Requests.error;
import static io.dynamis.core.expression.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.model.AttributeValue;
import org.junit.jupiter.api.Test;

class KeyConditionExpressionTest {

    private static KeyCondition keyCondition(String expression, String values) {
        return ItemExpressions.query(request("{'KeyConditionExpression': '" + expression + "', 'ExpressionAttributeValues': "
                + values + "}")).keyCondition();
    }

    @Test
    void partitionEqualityAndOneSortCondition() {
        KeyCondition k = keyCondition("pk = :p AND sk BETWEEN :a AND :b",
                "{':p': {'S': 'x'}, ':a': {'N': '1'}, ':b': {'N': '3'}}");
        assertEquals(KeyCondition.Operator.EQ, k.term("pk").operator());
        assertTrue(k.term("sk").test(AttributeValue.n(2)));
        assertFalse(k.term("sk").test(AttributeValue.n(4)));
    }

    @Test
    void valueFirstComparisonsAreTurnedAround() {
        KeyCondition k = keyCondition(":p = pk and :s < sk", "{':p': {'S': 'x'}, ':s': {'S': 'm'}}");
        assertEquals(KeyCondition.Operator.GT, k.term("sk").operator());
        assertTrue(k.term("sk").test(AttributeValue.s("n")));
    }

    @Test
    void beginsWithOnTheSortKey() {
        KeyCondition k = keyCondition("pk = :p AND begins_with(sk, :s)", "{':p': {'S': 'x'}, ':s': {'S': 'ab'}}");
        assertTrue(k.term("sk").test(AttributeValue.s("abc")));
    }

    @Test
    void shapeErrors() {
        assertEquals("Invalid operator used in KeyConditionExpression: OR",
                error(() -> keyCondition("pk = :p OR pk = :p", "{':p': {'S': 'x'}}")));
        assertEquals("Conditions can be of length 1 or 2 only",
                error(() -> keyCondition("a = :p AND b = :p AND c = :p AND d = :p AND e = :p AND f = :p AND g = :p"
                        + " AND h = :p AND i = :p", "{':p': {'S': 'x'}}")));
        assertEquals("KeyConditionExpressions must only contain one condition per key",
                error(() -> keyCondition("a > :p AND a < :p", "{':p': {'S': 'x'}}")));
        assertEquals("KeyConditionExpressions cannot have conditions on nested attributes",
                error(() -> keyCondition("a.b = :p", "{':p': {'S': 'x'}}")));
        assertEquals("Invalid condition in KeyConditionExpression: No key attribute specified",
                error(() -> keyCondition(":p = :q", "{':p': {'S': 'x'}, ':q': {'S': 'y'}}")));
    }
}
