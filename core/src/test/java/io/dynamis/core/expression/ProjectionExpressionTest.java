package io.dynamis.core.expression;

import static io.dynamis.core.expression.Requests.error;
import static io.dynamis.core.expression.Requests.item;
import static io.dynamis.core.expression.Requests.json;
import static io.dynamis.core.expression.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dynamis.core.model.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionExpressionTest {

    private static final Map<String, AttributeValue> ITEM = item("{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'N': '2'}]},"
            + " 'c': {'S': 'x'}}}, 'd': {'S': 'y'}, 'e': {'N': '5'}}");

    private static String projected(String expression, String names) {
        String json = "{'ProjectionExpression': '" + expression + "'"
                + (names == null ? "" : ", 'ExpressionAttributeNames': " + names) + "}";
        return json(ItemExpressions.projection(request(json)).apply(ITEM));
    }

    @Test
    void noProjectionMeansTheWholeItem() {
        assertNull(ItemExpressions.projection(request("{'TableName': 't'}")));
    }

    @Test
    void topLevelAttributes() {
        assertEquals("{'d':{'S':'y'},'e':{'N':'5'}}", projected("d, e, absent", null));
    }

    @Test
    void nestedPathsKeepTheirEnclosingDocuments() {
        assertEquals("{'a':{'M':{'b':{'L':[{'N':'0'},{'N':'2'}]}}}}", projected("a.b[2], a.b[0], a.b[7]", null));
        assertEquals("{'a':{'M':{'c':{'S':'x'}}}}", projected("#a.c", "{'#a': 'a'}"));
    }

    @Test
    void projectionOfPathsServesReturnValues() {
        assertEquals("{'a':{'M':{'c':{'S':'x'}}},'e':{'N':'5'}}",
                json(Projection.of(List.of(DocumentPath.of("a", "c"), DocumentPath.of("e"))).apply(ITEM)));
    }

    @Test
    void overlappingPathsAreRejected() {
        assertEquals("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite"
                + " one of these paths; path one: [a], path two: [a, b]",
                error(() -> ItemExpressions.projection(request("{'ProjectionExpression': 'a, a.b'}"))));
    }

    @Test
    void syntaxAndReservedWordErrors() {
        assertEquals("Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"",
                error(() -> ItemExpressions.projection(request("{'ProjectionExpression': 'a,'}"))));
        assertEquals("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name",
                error(() -> ItemExpressions.projection(request("{'ProjectionExpression': 'a, name'}"))));
    }
}
