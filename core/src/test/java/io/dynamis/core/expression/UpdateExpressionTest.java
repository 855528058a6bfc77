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

class UpdateExpressionTest {

    private static Update update(String expression, String values) {
        String json = "{'UpdateExpression': '" + expression + "'"
                + (values == null ? "" : ", 'ExpressionAttributeValues': " + values) + "}";
        return ItemExpressions.update(request(json)).update();
    }

    private static String applied(String before, String expression, String values) {
        return json(update(expression, values).apply(item(before)));
    }

    private static String updateError(String expression, String values) {
        return error(() -> update(expression, values));
    }

    @Test
    void noUpdateIsNull() {
        ItemExpressions.UpdateAndCondition result = ItemExpressions.update(request("{'TableName': 't'}"));
        assertNull(result.update());
        assertNull(result.condition());
    }

    @Test
    void setWritesValuesAndArithmetic() {
        assertEquals("{'a':{'N':'6'},'b':{'S':'x'}}",
                applied("{'a': {'N': '5'}}", "SET a = a + :one, b = :x", "{':one': {'N': '1'}, ':x': {'S': 'x'}}"));
        assertEquals("{'a':{'N':'4.5'}}", applied("{'a': {'N': '5'}}", "set a = a - :h", "{':h': {'N': '0.5'}}"));
    }

    @Test
    void operandsReadTheItemBeforeTheUpdate() {
        assertEquals("{'a':{'N':'2'},'b':{'N':'1'}}", applied("{'a': {'N': '1'}, 'b': {'N': '2'}}", "SET a = b, b = a", null));
    }

    @Test
    void listAppendAndIfNotExists() {
        assertEquals("{'l':{'L':[{'N':'1'},{'N':'2'}]},'c':{'N':'0'}}",
                applied("{'l': {'L': [{'N': '1'}]}}", "SET l = list_append(l, :tail), c = if_not_exists(c, :zero)",
                        "{':tail': {'L': [{'N': '2'}]}, ':zero': {'N': '0'}}"));
        assertEquals("{'c':{'N':'7'}}", applied("{'c': {'N': '7'}}", "SET c = if_not_exists(c, :zero)", "{':zero': {'N': '0'}}"));
    }

    @Test
    void nestedSetNeedsItsParent() {
        assertEquals("{'m':{'M':{'a':{'L':[{'N':'1'},{'S':'x'}]}}}}",
                applied("{'m': {'M': {'a': {'L': [{'N': '1'}]}}}}", "SET m.a[5] = :x", "{':x': {'S': 'x'}}"));
        assertEquals("The document path provided in the update expression is invalid for update",
                error(() -> update("SET m.a.b = :x", "{':x': {'S': 'x'}}").apply(item("{'m': {'M': {}}}"))));
        assertEquals("The document path provided in the update expression is invalid for update",
                error(() -> update("SET m.a = :x", "{':x': {'S': 'x'}}").apply(Map.of())));
    }

    @Test
    void removeOfListElementsUsesOriginalIndexes() {
        assertEquals("{'l':{'L':[{'N':'0'},{'N':'2'}]}}",
                applied("{'l': {'L': [{'N': '0'}, {'N': '1'}, {'N': '2'}, {'N': '3'}]}}", "REMOVE l[1], l[3]", null));
        assertEquals("{}", applied("{'a': {'N': '1'}}", "REMOVE a, b", null));
    }

    @Test
    void addNumbersAndSets() {
        assertEquals("{'n':{'N':'3'},'s':{'SS':['a','b']},'c':{'N':'1'}}",
                applied("{'n': {'N': '1'}, 's': {'SS': ['a']}}", "ADD n :two, s :ab, c :one",
                        "{':two': {'N': '2'}, ':ab': {'SS': ['a', 'b']}, ':one': {'N': '1'}}"));
    }

    @Test
    void deleteFromSetsRemovesEmptiedAttributes() {
        assertEquals("{'s':{'SS':['b']}}",
                applied("{'s': {'SS': ['a', 'b']}, 't': {'NS': ['1']}}", "DELETE s :a, t :one",
                        "{':a': {'SS': ['a']}, ':one': {'NS': ['1']}}"));
    }

    @Test
    void clausesMayComeInAnyOrder() {
        assertEquals("{'b':{'N':'1'},'c':{'N':'2'}}",
                applied("{'a': {'N': '1'}}", "REMOVE a SET b = :one ADD c :two", "{':one': {'N': '1'}, ':two': {'N': '2'}}"));
    }

    @Test
    void pathsAreReportedInTheOrderWritten() {
        Update u = update("SET a.b = :one REMOVE c[2] ADD d :one", "{':one': {'N': '1'}}");
        assertEquals(List.of(DocumentPath.of("a", "b"), DocumentPath.of("c", 2), DocumentPath.of("d")), u.paths());
    }

    @Test
    void runtimeTypeErrors() {
        assertEquals("An operand in the update expression has an incorrect data type",
                error(() -> update("SET a = a + :one", "{':one': {'N': '1'}}").apply(item("{'a': {'S': 'x'}}"))));
        assertEquals("An operand in the update expression has an incorrect data type",
                error(() -> update("ADD a :one", "{':one': {'N': '1'}}").apply(item("{'a': {'SS': ['x']}}"))));
        assertEquals("The provided expression refers to an attribute that does not exist in the item",
                error(() -> update("SET a = b", null).apply(Map.of())));
    }

    @Test
    void arithmeticRespectsTheNumberRange() {
        assertEquals("Number overflow. Attempting to store a number with magnitude larger than supported range",
                error(() -> update("SET a = a + :big", "{':big': {'N': '9E125'}}").apply(item("{'a': {'N': '9E125'}}"))));
    }

    @Test
    void clauseUsedTwice() {
        assertEquals("Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
                updateError("SET a = :v SET b = :v", "{':v': {'N': '1'}}"));
    }

    @Test
    void overlappingAndConflictingPaths() {
        assertEquals("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one"
                + " of these paths; path one: [a], path two: [a, b]", updateError("SET a = :v REMOVE a.b", "{':v': {'N': '1'}}"));
        assertEquals("Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one"
                + " of these paths; path one: [a, [1]], path two: [a, b]", updateError("REMOVE a[1], a.b", null));
    }

    @Test
    void literalOperandTypesAreCheckedBeforeTheItem() {
        assertEquals("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND",
                updateError("ADD a :v", "{':v': {'S': 'x'}}"));
        assertEquals("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND",
                updateError("DELETE a :v", "{':v': {'N': '1'}}"));
        assertEquals("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S",
                updateError("SET a = a + :v", "{':v': {'S': 'x'}}"));
        assertEquals("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: N",
                updateError("SET a = list_append(a, :v)", "{':v': {'N': '1'}}"));
    }

    @Test
    void functionsOutOfPlaceOrMiscounted() {
        assertEquals("Invalid UpdateExpression: The function is not allowed in an update expression; function: size",
                updateError("SET a = size(b)", null));
        assertEquals("Invalid UpdateExpression: Invalid function name; function: foo", updateError("SET a = foo(b)", null));
        assertEquals("Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1",
                updateError("SET a = list_append(b)", null));
        assertEquals("Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists",
                updateError("SET a = if_not_exists(:v, b)", "{':v': {'N': '1'}}"));
    }

    @Test
    void reservedWordsRankFirst() {
        assertEquals("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name",
                updateError("SET a = foo(b), name = :v SET c = :v", "{':v': {'N': '1'}}"));
    }
}
