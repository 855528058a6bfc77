package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.bool;
import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.key;
import static io.dynamis.it.Items.l;
import static io.dynamis.it.Items.m;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.ns;
import static io.dynamis.it.Items.nul;
import static io.dynamis.it.Items.s;
import static io.dynamis.it.Items.ss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** ConditionExpression on PutItem, UpdateItem and DeleteItem (Developer Guide, "Condition expressions"). */
@ExtendWith(StackExtension.class)
class ConditionExpressionIT {

    private static final String MESSAGE = "The conditional request failed";

    private final DynamoDbClient client;
    private String table;

    ConditionExpressionIT(DynamisStack stack) {
        this.client = stack.client();
    }

    static Map<String, AttributeValue> sample() {
        return item("pk", s("item"), "n", n("10"), "s", s("apple"), "b", Items.b("bin"), "yes", bool(true),
                "none", nul(), "ss", ss("red", "green"), "ns", ns("1", "2"), "bs", Items.bs("x"),
                "l", l(s("first"), n("2"), m("deep", s("x"))),
                "m", m("subdoc", m("leaf", n("5")), "nums", l(n("1"), n("2"))),
                "status", s("active"), "empty", s(""));
    }

    @BeforeEach
    void createTable() {
        table = Tables.createHashTable(client, "cond", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(table).item(sample()));
    }

    /** True when the condition holds on the sample item (checked with a DeleteItem that puts it back). */
    private boolean holds(String condition, Map<String, AttributeValue> values) {
        return holds(condition, null, values);
    }

    private boolean holds(String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        try {
            client.updateItem(r -> r.tableName(table).key(key("item")).updateExpression("SET checked = :checked")
                    .conditionExpression(condition).expressionAttributeNames(names)
                    .expressionAttributeValues(withChecked(values)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            assertEquals(MESSAGE, e.awsErrorDetails().errorMessage());
            return false;
        }
    }

    private static Map<String, AttributeValue> withChecked(Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new java.util.LinkedHashMap<>();
        if (values != null) {
            all.putAll(values);
        }
        all.put(":checked", bool(true));
        return all;
    }

    @ParameterizedTest(name = "{0} with :v={1} is {2}")
    @CsvSource({
        "n = :v, 10, true", "n = :v, 11, false",
        "n <> :v, 11, true", "n <> :v, 10, false",
        "n < :v, 11, true", "n < :v, 10, false",
        "n <= :v, 10, true", "n <= :v, 9, false",
        "n > :v, 9, true", "n > :v, 10, false",
        "n >= :v, 10, true", "n >= :v, 11, false",
        "n = :v, 10.000, true", "n > :v, -100, true", "n < :v, 1E2, true"})
    void numberComparators(String condition, String value, boolean expected) {
        assertEquals(expected, holds(condition, item(":v", n(value))));
    }

    @ParameterizedTest(name = "{0} with :v={1} is {2}")
    @CsvSource({
        "s = :v, apple, true", "s <> :v, apple, false",
        "s < :v, banana, true", "s < :v, Apple, false",
        "s > :v, app, true", "s >= :v, apple, true", "s <= :v, apple, true", "s <= :v, appl, false"})
    void stringComparatorsUseByteOrder(String condition, String value, boolean expected) {
        assertEquals(expected, holds(condition, item(":v", s(value))));
    }

    @Test
    void binaryBooleanNullAndDocumentEquality() {
        assertEquals(true, holds("b = :v", item(":v", Items.b("bin"))));
        assertEquals(true, holds("b < :v", item(":v", Items.b("bio"))));
        assertEquals(true, holds("yes = :v", item(":v", bool(true))));
        assertEquals(false, holds("yes = :v", item(":v", bool(false))));
        assertEquals(true, holds("#none = :v", Map.of("#none", "none"), item(":v", nul())));
        assertEquals(true, holds("ss = :v", item(":v", ss("green", "red"))), "sets are equal whatever the order");
        assertEquals(true, holds("l = :v", item(":v", l(s("first"), n("2"), m("deep", s("x"))))));
        assertEquals(false, holds("l = :v", item(":v", l(n("2"), s("first"), m("deep", s("x"))))));
        assertEquals(true, holds("m.subdoc = :v", item(":v", m("leaf", n("5")))));
    }

    @Test
    void comparisonsAcrossTypesAreFalseNotErrors() {
        assertFalse(holds("n = :v", item(":v", s("10"))));
        assertFalse(holds("s < :v", item(":v", n("1"))));
        assertFalse(holds("s > :v", item(":v", n("1"))));
        assertEquals(true, holds("n <> :v", item(":v", s("10"))), "values of different types are not equal");
        assertFalse(holds("nosuch = :v", item(":v", s("x"))));
        assertEquals(true, holds("nosuch <> :v", item(":v", s("x"))), "a nosuch attribute is not equal to anything");
        assertFalse(holds("nosuch < :v", item(":v", n("1"))));
        assertFalse(holds("l < :v", item(":v", n("1"))));
    }

    @Test
    void betweenIncludesBothBounds() {
        assertEquals(true, holds("n BETWEEN :lo AND :hi", item(":lo", n("10"), ":hi", n("20"))));
        assertEquals(true, holds("n BETWEEN :lo AND :hi", item(":lo", n("1"), ":hi", n("10"))));
        assertFalse(holds("n BETWEEN :lo AND :hi", item(":lo", n("11"), ":hi", n("20"))));
        assertEquals(true, holds("s BETWEEN :lo AND :hi", item(":lo", s("a"), ":hi", s("b"))));
        assertFalse(holds("s BETWEEN :lo AND :hi", item(":lo", n("1"), ":hi", n("20"))), "a string is not between numbers");
    }

    @Test
    void betweenWithTheBoundsReversedIsAValidationError() {
        expectValidation("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal"
                + " to lower bound; lower bound operand: AttributeValue: {N:20}, upper bound operand: AttributeValue: {N:10}",
                () -> holds("n BETWEEN :lo AND :hi", item(":lo", n("20"), ":hi", n("10"))));
    }

    @Test
    void inMatchesAnyListedValue() {
        assertEquals(true, holds("n IN (:a, :b)", item(":a", n("1"), ":b", n("10"))));
        assertEquals(true, holds("s IN (:a)", item(":a", s("apple"))));
        assertFalse(holds("n IN (:a, :b)", item(":a", n("1"), ":b", s("10"))));
    }

    /** The values of {@code all} that the condition uses (unused values are an error). */
    private boolean holdsWithUsed(String condition, Map<String, AttributeValue> all) {
        Map<String, AttributeValue> used = new java.util.LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(k) + "\\b").matcher(condition).find()) {
                used.put(k, v);
            }
        });
        return holds(condition, used.isEmpty() ? null : used);
    }

    @Test
    void inTakesAtMostOneHundredValues() {
        StringBuilder condition = new StringBuilder("n IN (");
        Map<String, AttributeValue> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 101; i++) {
            condition.append(i == 0 ? ":v" : ", :v").append(i);
            values.put(":v" + i, n(Integer.toString(i)));
        }
        String hundredAndOne = condition + ")";
        expectValidation("Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101",
                () -> holds(hundredAndOne, values));
        values.remove(":v100");
        String hundred = hundredAndOne.replace(", :v100)", ")");
        assertEquals(true, holds(hundred, values), "n = 10 is among 0..99");
    }

    @Test
    void logicalOperatorsAndParentheses() {
        Map<String, AttributeValue> v = item(":ten", n("10"), ":apple", s("apple"), ":no", s("no"));
        assertEquals(true, holdsWithUsed("n = :ten AND s = :apple", v));
        assertFalse(holdsWithUsed("n = :ten AND s = :no", v));
        assertEquals(true, holdsWithUsed("n = :ten OR s = :no", v));
        assertFalse(holdsWithUsed("s = :no OR s = :ten", v));
        assertEquals(true, holdsWithUsed("NOT s = :no", v));
        assertFalse(holdsWithUsed("NOT (n = :ten)", v));
        // AND binds tighter than OR: false OR (true AND true)
        assertEquals(true, holdsWithUsed("s = :no OR n = :ten AND s = :apple", v));
        assertFalse(holdsWithUsed("(s = :no OR n = :ten) AND s = :no", v));
        assertEquals(true, holdsWithUsed("NOT (s = :no OR s = :ten) AND (n = :ten)", v));
        assertEquals(true, holdsWithUsed("not s = :no and n = :ten", v), "keywords are case-insensitive");
    }

    @Test
    void attributeExistsAndNotExists() {
        assertEquals(true, holds("attribute_exists(n)", null));
        assertEquals(true, holds("attribute_exists(m.subdoc.leaf)", null));
        assertEquals(true, holds("attribute_exists(l[2].deep)", null));
        assertEquals(true, holds("attribute_exists(#none)", Map.of("#none", "none"), null), "a NULL value exists");
        assertEquals(true, holds("attribute_exists(#e)", Map.of("#e", "empty"), null), "an empty string exists");
        assertFalse(holds("attribute_exists(nosuch)", null));
        assertFalse(holds("attribute_exists(l[3])", null));
        assertFalse(holds("attribute_exists(s.child)", null), "a path into a string does not exist");
        assertEquals(true, holds("attribute_not_exists(nosuch)", null));
        assertEquals(true, holds("attribute_not_exists(m.subdoc.zzz)", null));
        assertFalse(holds("attribute_not_exists(pk)", null));
    }

    @Test
    void attributeNotExistsOnTheKeyMakesAPutCreateOnly() {
        Map<String, AttributeValue> fresh = item("pk", s("fresh"), "v", n("1"));
        client.putItem(r -> r.tableName(table).item(fresh).conditionExpression("attribute_not_exists(pk)"));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("fresh"), "v", n("2")))
                        .conditionExpression("attribute_not_exists(pk)")));
        assertEquals(MESSAGE, e.awsErrorDetails().errorMessage());
        assertEquals("ConditionalCheckFailedException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertEquals(fresh, client.getItem(r -> r.tableName(table).key(key("fresh"))).item());
    }

    @ParameterizedTest(name = "attribute_type({0}, {1}) is {2}")
    @CsvSource({"n, N, true", "n, S, false", "s, S, true", "b, B, true", "yes, BOOL, true", "#none, NULL, true",
        "ss, SS, true", "ns, NS, true", "bs, BS, true", "l, L, true", "m, M, true", "m.subdoc, M, true",
        "l[1], N, true", "ss, L, false", "nosuch, S, false"})
    void attributeType(String path, String type, boolean expected) {
        Map<String, String> names = path.startsWith("#") ? Map.of("#none", "none") : null;
        assertEquals(expected, holds("attribute_type(" + path + ", :t)", names, item(":t", s(type))));
    }

    @Test
    void attributeTypeWithAnUnknownTypeIsAValidationError() {
        Errors.expectValidationStartingWith("Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: {",
                () -> holds("attribute_type(s, :t)", item(":t", s("STRING"))));
    }

    /**
     * DEVIATION from DynamoDB Local (message only): real DynamoDB lists the valid types as
     * {B,NULL,SS,BOOL,L,BS,N,NS,S,M} (as recorded by dynalite's tests against DynamoDB); DynamoDB Local lists them
     * in another order, {N,BS,L,B,NULL,M,S,SS,NS,BOOL}.
     */
    @Test
    @org.junit.jupiter.api.Tag("ddblocal-deviation")
    void attributeTypeWithAnUnknownTypeListsTheValidTypes() {
        expectValidation("Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
                () -> holds("attribute_type(s, :t)", item(":t", s("STRING"))));
    }

    @Test
    void beginsWith() {
        assertEquals(true, holds("begins_with(s, :p)", item(":p", s("app"))));
        assertEquals(true, holds("begins_with(s, :p)", item(":p", s("apple"))));
        assertEquals(true, holds("begins_with(s, :p)", item(":p", s(""))));
        assertFalse(holds("begins_with(s, :p)", item(":p", s("pp"))));
        assertEquals(true, holds("begins_with(b, :p)", item(":p", Items.b("bi"))));
        assertFalse(holds("begins_with(n, :p)", item(":p", s("1"))), "a number has no prefix");
        assertFalse(holds("begins_with(nosuch, :p)", item(":p", s("a"))));
    }

    @Test
    void containsOnStringsSetsAndLists() {
        assertEquals(true, holds("contains(s, :v)", item(":v", s("ppl"))));
        assertFalse(holds("contains(s, :v)", item(":v", s("pear"))));
        assertEquals(true, holds("contains(ss, :v)", item(":v", s("red"))));
        assertFalse(holds("contains(ss, :v)", item(":v", s("re"))), "set members match whole");
        assertEquals(true, holds("contains(ns, :v)", item(":v", n("2.0"))));
        assertEquals(true, holds("contains(l, :v)", item(":v", s("first"))));
        assertEquals(true, holds("contains(l, :v)", item(":v", n("2"))));
        assertEquals(true, holds("contains(l, :v)", item(":v", m("deep", s("x")))));
        assertFalse(holds("contains(l, :v)", item(":v", s("firs"))));
        assertFalse(holds("contains(nosuch, :v)", item(":v", s("a"))));
        assertEquals(true, holds("NOT contains(ss, :v)", item(":v", s("blue"))));
    }

    @Test
    void sizeOfEveryKind() {
        assertEquals(true, holds("size(s) = :v", item(":v", n("5"))));
        assertEquals(true, holds("size(b) = :v", item(":v", n("3"))));
        assertEquals(true, holds("size(ss) = :v", item(":v", n("2"))));
        assertEquals(true, holds("size(l) = :v", item(":v", n("3"))));
        assertEquals(true, holds("size(m) = :v", item(":v", n("2"))));
        assertEquals(true, holds("size(m.nums) < :v", item(":v", n("3"))));
        assertEquals(true, holds("size(#e) = :v", Map.of("#e", "empty"), item(":v", n("0"))));
        assertFalse(holds("size(nosuch) >= :v", item(":v", n("0"))));
        assertFalse(holds("size(n) = :v", item(":v", n("2"))), "a number has no size");
        assertEquals(true, holds("size(s) > size(ss)", null));
    }

    @Test
    void nestedPathsAndListIndexes() {
        assertEquals(true, holds("m.subdoc.leaf = :v", item(":v", n("5"))));
        assertEquals(true, holds("m.#nums[1] = :v", Map.of("#nums", "nums"), item(":v", n("2"))));
        assertEquals(true, holds("l[0] = :v", item(":v", s("first"))));
        assertEquals(true, holds("l[2].deep = :v", item(":v", s("x"))));
        assertFalse(holds("l[5] = :v", item(":v", s("first"))));
        assertFalse(holds("m.subdoc.leaf.deeper = :v", item(":v", n("5"))));
        assertEquals(true, holds("#a.#b.#c = :v", Map.of("#a", "m", "#b", "subdoc", "#c", "leaf"), item(":v", n("5"))));
    }

    @Test
    void namesWithDotsAreOneAttributeWhenGivenAsExpressionNames() {
        client.putItem(r -> r.tableName(table).item(item("pk", s("dots"), "a.b", s("flat"), "a", m("b", s("nested")))));
        client.deleteItem(r -> r.tableName(table).key(key("dots")).conditionExpression("#ab = :flat AND a.b = :nested")
                .expressionAttributeNames(Map.of("#ab", "a.b")).expressionAttributeValues(item(":flat", s("flat"), ":nested", s("nested"))));
        assertFalse(client.getItem(r -> r.tableName(table).key(key("dots"))).hasItem());
    }

    @Test
    void comparingTwoAttributes() {
        assertEquals(true, holds("n > m.subdoc.leaf", null));
        assertEquals(true, holds("l[1] = ns[1]".replace("ns[1]", "m.nums[1]"), null));
        assertFalse(holds("n = s", null));
    }

    @Test
    void conditionsOnAMissingItemSeeNoAttributes() {
        assertThrows(ConditionalCheckFailedException.class, () -> client.updateItem(r -> r.tableName(table)
                .key(key("absent")).updateExpression("SET a = :v").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(item(":v", n("1")))));
        assertFalse(client.getItem(r -> r.tableName(table).key(key("absent"))).hasItem(), "a failed upsert creates nothing");
        assertThrows(ConditionalCheckFailedException.class, () -> client.deleteItem(r -> r.tableName(table)
                .key(key("absent")).conditionExpression("attribute_exists(pk)")));
        client.deleteItem(r -> r.tableName(table).key(key("absent")).conditionExpression("attribute_not_exists(pk)"));
    }

    @Test
    void failedConditionsLeaveTheItemAloneOnEveryWrite() {
        Map<String, AttributeValue> v = item(":no", s("no"));
        assertThrows(ConditionalCheckFailedException.class, () -> client.putItem(r -> r.tableName(table)
                .item(item("pk", s("item"))).conditionExpression("s = :no").expressionAttributeValues(v)));
        assertThrows(ConditionalCheckFailedException.class, () -> client.deleteItem(r -> r.tableName(table)
                .key(key("item")).conditionExpression("s = :no").expressionAttributeValues(v)));
        assertThrows(ConditionalCheckFailedException.class, () -> client.updateItem(r -> r.tableName(table)
                .key(key("item")).updateExpression("REMOVE s").conditionExpression("s = :no").expressionAttributeValues(v)));
        Items.assertSameItem(sample(), client.getItem(r -> r.tableName(table).key(key("item")).consistentRead(true)).item());
    }

    @Test
    void returnValuesOnConditionCheckFailureReturnsTheItemInTheException() {
        Map<String, AttributeValue> v = item(":no", s("no"));
        ConditionalCheckFailedException put = assertThrows(ConditionalCheckFailedException.class, () -> client.putItem(r -> r
                .tableName(table).item(item("pk", s("item"))).conditionExpression("s = :no").expressionAttributeValues(v)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        Items.assertSameItem(sample(), put.item());
        ConditionalCheckFailedException update = assertThrows(ConditionalCheckFailedException.class, () -> client.updateItem(r -> r
                .tableName(table).key(key("item")).updateExpression("REMOVE s").conditionExpression("s = :no")
                .expressionAttributeValues(v).returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        Items.assertSameItem(sample(), update.item());
        ConditionalCheckFailedException delete = assertThrows(ConditionalCheckFailedException.class, () -> client.deleteItem(r -> r
                .tableName(table).key(key("item")).conditionExpression("s = :no").expressionAttributeValues(v)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        Items.assertSameItem(sample(), delete.item());
        ConditionalCheckFailedException none = assertThrows(ConditionalCheckFailedException.class, () -> client.deleteItem(r -> r
                .tableName(table).key(key("item")).conditionExpression("s = :no").expressionAttributeValues(v)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE)));
        assertFalse(none.hasItem());
        ConditionalCheckFailedException nosuch = assertThrows(ConditionalCheckFailedException.class, () -> client.deleteItem(r -> r
                .tableName(table).key(key("absent")).conditionExpression("attribute_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertFalse(nosuch.hasItem(), "no item, nothing returned");
    }

    @Test
    void syntaxErrors() {
        expectValidation("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"",
                () -> holds("n = ", null));
        expectValidation("Invalid ConditionExpression: Syntax error; token: \"AND\", near: \"n AND n\"",
                () -> holds("n AND n", null));
        expectValidation("Invalid ConditionExpression: The expression can not be empty;",
                () -> holds("", null));
        expectValidation("Invalid ConditionExpression: Invalid function name; function: nope",
                () -> holds("nope(n)", null));
        expectValidation("Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size",
                () -> holds("size(n)", null));
        expectValidation("Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1",
                () -> holds("begins_with(s)", null));
    }

    @Test
    void reservedWordsNeedExpressionAttributeNames() {
        expectValidation("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status",
                () -> holds("status = :v", item(":v", s("active"))));
        assertEquals(true, holds("#status = :v", Map.of("#status", "status"), item(":v", s("active"))));
    }

    @Test
    void undefinedAndUnusedNamesAndValues() {
        expectValidation("Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x",
                () -> holds("#x = :v", item(":v", s("a"))));
        expectValidation("Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x",
                () -> holds("s = :x", null));
        expectValidation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}",
                () -> holds("s = :v", Map.of("#unused", "s"), item(":v", s("a"))));
        expectValidation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
                () -> holds("s = :v", item(":v", s("a"), ":unused", s("b"))));
    }

    @Test
    void emptyNameAndValueMapsAreRejected() {
        expectValidation("ExpressionAttributeNames must not be empty", () -> client.deleteItem(r -> r.tableName(table)
                .key(key("item")).conditionExpression("attribute_exists(n)").expressionAttributeNames(Map.of())));
        expectValidation("ExpressionAttributeValues must not be empty", () -> client.deleteItem(r -> r.tableName(table)
                .key(key("item")).conditionExpression("attribute_exists(n)").expressionAttributeValues(Map.of())));
    }

    @Test
    void namesAndValuesWithoutAnExpressionAreRejected() {
        expectValidation("ExpressionAttributeNames can only be specified when using expressions",
                () -> client.deleteItem(r -> r.tableName(table).key(key("item")).expressionAttributeNames(Map.of("#a", "a"))));
        expectValidation("ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null",
                () -> client.deleteItem(r -> r.tableName(table).key(key("item")).expressionAttributeValues(item(":a", s("a")))));
    }

    @Test
    void invalidNamesAndValues() {
        expectValidation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"bad\"",
                () -> holds("s = :v", Map.of("bad", "s"), item(":v", s("a"))));
        expectValidation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"bad\"",
                () -> holds("s = :v", item(":v", s("a"), "bad", s("b"))));
        expectValidation("ExpressionAttributeValues contains invalid value: One or more parameter values were invalid:"
                + " An string set  may not be empty for key :v",
                () -> holds("ss = :v", item(":v", AttributeValue.fromSs(java.util.List.of()))));
    }

    @Test
    void functionsWithOperandsOfTheWrongTypeAreValidationErrors() {
        expectValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
                () -> holds("begins_with(s, :v)", item(":v", n("1"))));
        expectValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N",
                () -> holds("attribute_type(s, :v)", item(":v", n("1"))));
    }
}
