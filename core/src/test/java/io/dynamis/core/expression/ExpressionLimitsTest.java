package io.dynamis.core.expression;

import static io.dynamis.core.expression.Requests.error;
import static io.dynamis.core.expression.Requests.request;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.RequestReader;
import org.junit.jupiter.api.Test;

/** DynamoDB's limits on expressions: 4 KB of text, 300 operators, and no unbounded nesting. */
class ExpressionLimitsTest {

    private static RequestReader withExpression(String member, String expression) {
        ObjectNode body = Json.object();
        body.put(member, expression);
        body.putObject("ExpressionAttributeValues").putObject(":v").put("S", "x");
        return new RequestReader(body);
    }

    private static String conditionError(String expression) {
        return error(() -> ItemExpressions.condition(withExpression("ConditionExpression", expression)));
    }

    private static String updateError(String expression) {
        return error(() -> ItemExpressions.update(withExpression("UpdateExpression", expression)));
    }

    private static String comparisons(int n, String joiner) {
        return String.join(joiner, java.util.Collections.nCopies(n, "a = :v"));
    }

    /** A document path of 32 elements (a.b...[n]) is accepted, one of 33 refused, in every kind of expression. */
    @Test
    void aDocumentPathNestsAtMost32Levels() {
        String deepest = "a" + ".b".repeat(30) + "[0]";
        String tooDeep = deepest + ".c";
        assertDoesNotThrow(() -> ItemExpressions.projection(request("{'ProjectionExpression': '" + deepest + "'}")));
        assertEquals("Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33",
                error(() -> ItemExpressions.projection(request("{'ProjectionExpression': '" + tooDeep + "'}"))));
        assertEquals("Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 33",
                conditionError("attribute_exists(" + tooDeep + ")"));
        assertEquals("Invalid UpdateExpression: The document path has too many nesting levels; nesting levels: 33",
                updateError("SET " + tooDeep + " = :v"));
    }

    @Test
    void anExpressionOfFourKilobytesIsAccepted() {
        String expression = "a = :v" + " ".repeat(4096 - 6);
        assertDoesNotThrow(() -> ItemExpressions.condition(withExpression("ConditionExpression", expression)));
    }

    @Test
    void anExpressionOverFourKilobytesIsRefusedWithItsSize() {
        assertEquals("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097",
                conditionError("a = :v" + " ".repeat(4097 - 6)));
        assertEquals("Invalid UpdateExpression: Expression size has exceeded the maximum allowed size; expression size: 4100",
                updateError("SET a = :v" + " ".repeat(4090)));
    }

    @Test
    void theSizeCountsUtf8Bytes() {
        // 1,366 three-byte characters: 1,366 characters, 4,098 bytes
        String names = "#" + "\u20ac".repeat(1366);
        assertEquals("Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size; expression size: 4099",
                error(() -> ItemExpressions.projection(request("{'ProjectionExpression': '" + names + "'}"))));
    }

    @Test
    void everyExpressionParameterHasTheSizeLimit() {
        String big = "a = :v" + " ".repeat(5000);
        assertEquals("Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: 5006",
                error(() -> ItemExpressions.scan(withExpression("FilterExpression", big))));
        assertEquals("Invalid KeyConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 5006",
                error(() -> ItemExpressions.query(withExpression("KeyConditionExpression", big))));
    }

    @Test
    void threeHundredOperatorsAreAccepted() {
        // 150 comparisons joined by 149 ANDs, plus one NOT: 300 operators
        String expression = "NOT (" + comparisons(150, " AND ") + ")";
        assertDoesNotThrow(() -> ItemExpressions.condition(withExpression("ConditionExpression", expression)));
    }

    @Test
    void theThreeHundredAndFirstOperatorIsRefused() {
        assertEquals("Invalid ConditionExpression: The expression contains too many operators; operator count: 301",
                conditionError(comparisons(151, " OR ")));
    }

    @Test
    void functionsAndArithmeticCountAsOperators() {
        String nested = "size(".repeat(301) + "a" + ")".repeat(301) + " = :v";
        assertEquals("Invalid ConditionExpression: The expression contains too many operators; operator count: 301",
                conditionError(nested));
        String sets = "SET " + String.join(", ", java.util.Collections.nCopies(301, "a = a + :v"));
        assertEquals("Invalid UpdateExpression: The expression contains too many operators; operator count: 301",
                updateError(sets));
    }

    @Test
    void notRepeatedThousandsOfTimesIsTooManyOperators() {
        assertEquals("Invalid ConditionExpression: The expression contains too many operators; operator count: 301",
                conditionError("NOT ".repeat(1000) + "a = :v"));
    }

    @Test
    void parenthesesNestedThousandsDeepAreRefusedWithoutExhaustingTheStack() {
        assertEquals("Invalid ConditionExpression: The expression has redundant parentheses;",
                conditionError("(".repeat(2000) + "a = :v" + ")".repeat(2000)));
        assertEquals("Invalid ConditionExpression: The expression has redundant parentheses;",
                conditionError("a = " + "(".repeat(2000) + ":v" + ")".repeat(2000)));
        assertEquals("Invalid UpdateExpression: The expression has redundant parentheses;",
                updateError("SET a = " + "(".repeat(2000) + ":v" + ")".repeat(2000)));
    }

    @Test
    void leftNestedConditionsOverTheLimitAreTooManyOperators() {
        String text = "(".repeat(350) + "a=:v" + ") OR a=:v".repeat(350);
        assertEquals(true, text.length() <= 4096);
        assertEquals("Invalid ConditionExpression: The expression contains too many operators; operator count: 301",
                conditionError(text));
    }

    @Test
    void theParserItselfStopsAtAnyDepth() {
        String deep = "(".repeat(100_000) + "a = :v" + ")".repeat(100_000);
        assertThrows(ExpressionLimitException.class, () -> Parser.parseCondition(deep));
        assertThrows(ExpressionLimitException.class, () -> Parser.parseUpdate("SET a = " + "(".repeat(100_000) + ":v"));
        assertThrows(ExpressionLimitException.class, () -> Parser.parseCondition("a = " + "(".repeat(100_000)));
    }
}
