package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.assertSameItem;
import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.key;
import static io.dynamis.it.Items.l;
import static io.dynamis.it.Items.m;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.ns;
import static io.dynamis.it.Items.s;
import static io.dynamis.it.Items.ss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** UpdateItem with an UpdateExpression (Developer Guide, "Update expressions"): SET, REMOVE, ADD, DELETE and their errors. */
@ExtendWith(StackExtension.class)
class UpdateExpressionIT {

    private final DynamoDbClient client;
    private String table;

    UpdateExpressionIT(DynamisStack stack) {
        this.client = stack.client();
    }

    static Map<String, AttributeValue> start() {
        return item("pk", s("k"), "a", n("5"), "t", s("text"), "l", l(s("x"), s("y"), s("z")),
                "doc", m("child", m("leaf", n("1")), "arr", l(n("1"), n("2"))), "tg", ss("p", "q"), "nums", ns("1", "2"));
    }

    @BeforeEach
    void createTable() {
        table = Tables.createHashTable(client, "upd", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(table).item(start()));
    }

    private Map<String, AttributeValue> update(String expression, Map<String, AttributeValue> values) {
        return update("k", expression, null, values);
    }

    private Map<String, AttributeValue> update(String pk, String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        client.updateItem(r -> r.tableName(table).key(key(pk)).updateExpression(expression)
                .expressionAttributeNames(names).expressionAttributeValues(values));
        return client.getItem(r -> r.tableName(table).key(key(pk)).consistentRead(true)).item();
    }

    private Map<String, AttributeValue> expected(Object... changes) {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>(start());
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                item.remove((String) changes[i]);
            } else {
                item.put((String) changes[i], (AttributeValue) changes[i + 1]);
            }
        }
        return item;
    }

    @Test
    void setReplacesAndAddsAttributes() {
        assertSameItem(expected("a", s("now a string"), "fresh", n("1")),
                update("SET a = :a, fresh = :f", item(":a", s("now a string"), ":f", n("1"))));
    }

    @Test
    void setNestedMapEntriesAndListElements() {
        assertSameItem(expected("doc", m("child", m("leaf", n("1"), "new", s("n")), "arr", l(n("1"), n("20")))),
                update("SET doc.child.#new = :n, doc.arr[1] = :v", Map.of("#new", "new"), item(":n", s("n"), ":v", n("20"))));
    }

    private Map<String, AttributeValue> update(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        return update("k", expression, names, values);
    }

    @Test
    void setPastTheEndOfAListAppends() {
        assertSameItem(expected("l", l(s("x"), s("y"), s("z"), s("w"))), update("SET l[10] = :w", item(":w", s("w"))));
    }

    @Test
    void setWithPlusAndMinus() {
        assertSameItem(expected("a", n("8"), "b", n("2.5")),
                update("SET a = a + :three, b = a - :half", item(":three", n("3"), ":half", n("2.5"))));
        assertEquals("-0.5", update("SET a = :one - :one5", item(":one", n("1"), ":one5", n("1.5"))).get("a").n());
    }

    @Test
    void setWithListAppendAtEitherEnd() {
        update("SET l = list_append(:front, l)", item(":front", l(s("w"))));
        assertSameItem(expected("l", l(s("w"), s("x"), s("y"), s("z"), s("v"))),
                update("SET l = list_append(l, :back)", item(":back", l(s("v")))));
        assertEquals(l(s("a"), s("b")), update("SET fresh = list_append(:a, :b)", item(":a", l(s("a")), ":b", l(s("b")))).get("fresh"));
    }

    @Test
    void setWithIfNotExists() {
        Map<String, AttributeValue> after = update("SET a = if_not_exists(a, :zero), c = if_not_exists(c, :zero) + :one",
                item(":zero", n("0"), ":one", n("1")));
        assertEquals(n("5"), after.get("a"), "an existing attribute keeps its value");
        assertEquals(n("1"), after.get("c"));
        assertEquals(n("2"), update("SET c = if_not_exists(c, :zero) + :one", item(":zero", n("0"), ":one", n("1"))).get("c"));
    }

    @Test
    void setEvaluatesEveryOperandOnTheOldItem() {
        Map<String, AttributeValue> after = update("SET a = :ten, b = a", item(":ten", n("10")));
        assertEquals(n("10"), after.get("a"));
        assertEquals(n("5"), after.get("b"));
    }

    @Test
    void removeAttributesAndNestedEntries() {
        assertSameItem(expected("a", null, "t", null, "doc", m("child", m(), "arr", l(n("1"), n("2")))),
                update("REMOVE a, t, doc.child.leaf, nosuch, doc.nosuch", null));
    }

    @Test
    void removeListElementsShiftsTheRest() {
        assertSameItem(expected("l", l(s("y"))), update("REMOVE l[0], l[2], l[7]", null));
    }

    @Test
    void addToNumbers() {
        assertEquals(n("12"), update("ADD a :seven", item(":seven", n("7"))).get("a"));
        assertEquals(n("-1.5"), update("ADD created :v", item(":v", n("-1.5"))).get("created"), "ADD starts a missing number at 0");
    }

    @Test
    void addToSets() {
        Map<String, AttributeValue> after = update("ADD tg :more, nums :n, fresh :f",
                item(":more", ss("q", "r"), ":n", ns("3"), ":f", ss("only")));
        assertSameItem(item("x", ss("p", "q", "r")), item("x", after.get("tg")));
        assertSameItem(item("x", ns("1", "2", "3")), item("x", after.get("nums")));
        assertEquals(ss("only"), after.get("fresh"));
    }

    @Test
    void deleteFromSets() {
        Map<String, AttributeValue> after = update("DELETE tg :p, nums :absent", item(":p", ss("p", "nope"), ":absent", ns("9")));
        assertEquals(ss("q"), after.get("tg"));
        assertSameItem(item("x", ns("1", "2")), item("x", after.get("nums")));
        assertFalse(update("DELETE tg :q", item(":q", ss("q"))).containsKey("tg"), "a set becoming empty removes the attribute");
    }

    @Test
    void allFourClausesInOneExpression() {
        Map<String, AttributeValue> after = update("SET t = :t REMOVE l ADD a :one DELETE tg :p",
                item(":t", s("new"), ":one", n("1"), ":p", ss("p")));
        assertSameItem(expected("t", s("new"), "l", null, "a", n("6"), "tg", ss("q")), after);
    }

    @Test
    void updatingAMissingItemCreatesIt() {
        assertSameItem(item("pk", s("new"), "v", s("x"), "c", n("1")),
                update("new", "SET v = :v ADD c :one", null, item(":v", s("x"), ":one", n("1"))));
    }

    @Test
    void updateWithoutAnExpressionCreatesAnItemWithOnlyTheKey() {
        client.updateItem(r -> r.tableName(table).key(key("bare")));
        assertEquals(key("bare"), client.getItem(r -> r.tableName(table).key(key("bare"))).item());
    }

    @Test
    void overlappingPathsAreRejected() {
        expectValidation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these"
                + " paths; path one: [doc], path two: [doc, child]",
                () -> update("SET doc = :v REMOVE doc.child", item(":v", n("1"))));
        expectValidation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these"
                + " paths; path one: [a], path two: [a]",
                () -> update("SET a = :v ADD a :v", item(":v", n("1"))));
    }

    @Test
    void conflictingPathsAreRejected() {
        expectValidation("Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these"
                + " paths; path one: [doc, arr], path two: [doc, [0]]",
                () -> update("SET doc.arr = :v, doc[0] = :v", item(":v", n("1"))));
    }

    @Test
    void eachClauseMayAppearOnlyOnce() {
        expectValidation("Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
                () -> update("SET a = :v SET t = :v", item(":v", n("1"))));
        expectValidation("Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an update expression;",
                () -> update("REMOVE a REMOVE t", null));
    }

    @Test
    void operandsOfTheWrongTypeAreRejected() {
        expectValidation("An operand in the update expression has an incorrect data type",
                () -> update("SET a = t + :one", item(":one", n("1"))));
        expectValidation("An operand in the update expression has an incorrect data type",
                () -> update("ADD t :one", item(":one", n("1"))));
        expectValidation("An operand in the update expression has an incorrect data type",
                () -> update("DELETE tg :n", item(":n", ns("1"))));
        expectValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND",
                () -> update("ADD a :s", item(":s", s("x"))));
        expectValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND",
                () -> update("DELETE tg :n", item(":n", n("1"))));
        expectValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S",
                () -> update("SET l = list_append(l, :s)", item(":s", s("x"))));
    }

    @Test
    void aMissingOperandAttributeIsRejected() {
        expectValidation("The provided expression refers to an attribute that does not exist in the item",
                () -> update("SET a = nosuch + :one", item(":one", n("1"))));
    }

    @Test
    void keyAttributesCannotBeUpdated() {
        expectValidation("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                () -> update("SET pk = :v", item(":v", s("other"))));
        expectValidation("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                () -> update("REMOVE pk", null));
    }

    @Test
    void pathsThroughMissingMapsAreInvalid() {
        expectValidation("The document path provided in the update expression is invalid for update",
                () -> update("SET nosuch.child = :v", item(":v", n("1"))));
        expectValidation("The document path provided in the update expression is invalid for update",
                () -> update("SET t.child = :v", item(":v", n("1"))));
        expectValidation("The document path provided in the update expression is invalid for update",
                () -> update("SET a[0] = :v", item(":v", n("1"))));
    }

    @Test
    void syntaxAndNameErrors() {
        expectValidation("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"= \"",
                () -> update("SET a = ", null));
        expectValidation("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: value",
                () -> update("SET value = :v", item(":v", n("1"))));
        expectValidation("Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :nope",
                () -> update("SET a = :nope", null));
        expectValidation("Invalid UpdateExpression: The expression can not be empty;", () -> update("", null));
        expectValidation("Invalid UpdateExpression: Invalid function name; function: nope",
                () -> update("SET a = nope(a)", null));
        expectValidation("Invalid UpdateExpression: The function is not allowed in an update expression; function: size",
                () -> update("SET a = size(t)", null));
    }
}
