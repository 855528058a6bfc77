package io.dynamis.core.expression;

import static io.dynamis.core.expression.Requests.error;
import static io.dynamis.core.expression.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ParserErrorsTest {

    private static String conditionError(String expression) {
        return error(() -> ItemExpressions.condition(request("{'ConditionExpression': '" + expression + "'}")));
    }

    private static String updateError(String expression) {
        return error(() -> ItemExpressions.update(request("{'UpdateExpression': '" + expression + "'}")));
    }

    @Test
    void emptyExpressionIsRejected() {
        assertEquals("Invalid ConditionExpression: The expression can not be empty;", conditionError(""));
        assertEquals("Invalid UpdateExpression: The expression can not be empty;", updateError(""));
    }

    @Test
    void syntaxErrorQuotesTheTokenAndWhatPrecedesIt() {
        assertEquals("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"foo\"", conditionError("foo"));
        assertEquals("Invalid UpdateExpression: Syntax error; token: \"1\", near: \"VALUE 1\"",
                updateError("SET path = VALUE 1"));
        assertEquals("Invalid ConditionExpression: Syntax error; token: \"b\", near: \"a b\"", conditionError("a b"));
        assertEquals("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"", conditionError("a ="));
    }

    @Test
    void unknownCharactersAreSyntaxErrors() {
        assertEquals("Invalid ConditionExpression: Syntax error; token: \"!\", near: \"= !\"", conditionError("a = !"));
    }

    @Test
    void keywordsCannotBePaths() {
        assertEquals("Invalid ConditionExpression: Syntax error; token: \"AND\", near: \"= AND\"", conditionError("a = AND"));
    }

    @Test
    void updateNeedsAClauseKeyword() {
        assertEquals("Invalid UpdateExpression: Syntax error; token: \"a\", near: \"a =\"", updateError("a = :v"));
    }

    @Test
    void arithmeticIsNotPartOfConditions() {
        assertEquals("Invalid ConditionExpression: Syntax error; token: \"+\", near: \"b + c\"", conditionError("a = b + c"));
    }

    @Test
    void parsedTreesAreCachedAndSharedAcrossRequests() {
        ExpressionCache cache = new ExpressionCache(2);
        Ast.ConditionTree first = cache.condition("a = :v");
        assertEquals(first, cache.condition("a = :v"));
        cache.condition("b = :v");
        cache.condition("c = :v");
        assertEquals(2, cache.size());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void deeplyNestedParenthesesParseQuickly() {
        String expression = "(".repeat(60) + "a = :v" + ")".repeat(60);
        assertEquals("Invalid ConditionExpression: The expression has redundant parentheses;",
                error(() -> ItemExpressions.condition(request("{'ConditionExpression': '" + expression
                        + "', 'ExpressionAttributeValues': {':v': {'S': 'x'}}}"))));
    }
}
