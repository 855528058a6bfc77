package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.assertSameItem;
import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.key;
import static io.dynamis.it.Items.l;
import static io.dynamis.it.Items.m;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static io.dynamis.it.Items.ss;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** ProjectionExpression and AttributesToGet on GetItem (Developer Guide, "Projection expressions"). */
@ExtendWith(StackExtension.class)
class ProjectionIT {

    private final DynamoDbClient client;
    private String table;

    ProjectionIT(DynamisStack stack) {
        this.client = stack.client();
    }

    @BeforeEach
    void createTable() {
        table = Tables.createHashTable(client, "proj", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "a", n("1"), "t", s("text"), "tg", ss("x", "y"),
                "l", l(s("l0"), m("f", s("l1f"), "g", s("l1g")), s("l2"), l(s("l30"), s("l31"))),
                "doc", m("child", m("leaf", n("1"), "oth", n("2")), "arr", l(n("10"), n("20"), n("30"))),
                "status", s("on"), "a.b", s("dotted"))));
    }

    private Map<String, AttributeValue> get(String projection, Map<String, String> names) {
        return client.getItem(r -> r.tableName(table).key(key("k")).projectionExpression(projection).expressionAttributeNames(names)).item();
    }

    @Test
    void topLevelAttributes() {
        assertSameItem(item("a", n("1"), "t", s("text")), get("a, t", null));
        assertSameItem(item("a", n("1")), get("a, nosuch", null));
        assertSameItem(item("pk", s("k"), "tg", ss("x", "y")), get("tg,pk", null));
    }

    @Test
    void nestedMapPaths() {
        assertSameItem(item("doc", m("child", m("leaf", n("1")))), get("doc.child.leaf", null));
        assertSameItem(item("doc", m("child", m("leaf", n("1"), "oth", n("2")))), get("doc.child.leaf, doc.child.oth", null));
        assertSameItem(item("doc", m("child", m("leaf", n("1")))), get("doc.child.leaf, doc.child.nosuch", null));
    }

    @Test
    void listIndexesKeepOnlyTheChosenElementsInOrder() {
        assertSameItem(item("l", l(s("l2"))), get("l[2]", null));
        assertSameItem(item("l", l(s("l0"), s("l2"))), get("l[2], l[0]", null));
        assertSameItem(item("l", l(m("g", s("l1g")))), get("l[1].g", null));
        assertSameItem(item("l", l(l(s("l31")))), get("l[3][1]", null));
        assertSameItem(item("doc", m("arr", l(n("30"))), "a", n("1")), get("doc.arr[2], a", null));
    }

    @Test
    void pathsToNothingProjectNothing() {
        GetItemResponse response = client.getItem(r -> r.tableName(table).key(key("k")).projectionExpression("nosuch, l[9], t.x, doc.nosuch"));
        assertTrue(response.hasItem(), "the item exists");
        assertTrue(response.item().isEmpty(), "but no attribute is projected: " + response.item());
    }

    @Test
    void expressionAttributeNames() {
        assertSameItem(item("status", s("on"), "a.b", s("dotted")), get("#s, #ab", Map.of("#s", "status", "#ab", "a.b")));
        assertSameItem(item("doc", m("child", m("leaf", n("1")))), get("#d.#c.leaf", Map.of("#d", "doc", "#c", "child")));
    }

    @Test
    void errors() {
        expectValidation("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: status",
                () -> get("status", null));
        expectValidation("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of"
                + " these paths; path one: [doc], path two: [doc, child]", () -> get("doc, doc.child", null));
        expectValidation("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of"
                + " these paths; path one: [a], path two: [a]", () -> get("a, a", null));
        expectValidation("Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of"
                + " these paths; path one: [l, [0]], path two: [l, f]", () -> get("l[0], l.f", null));
        expectValidation("Invalid ProjectionExpression: An expression attribute name used in the document path is not defined;"
                + " attribute name: #x", () -> get("#x", null));
        expectValidation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}",
                () -> get("a", Map.of("#unused", "a")));
        expectValidation("Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"", () -> get("a,", null));
    }

    @Test
    void attributesToGet() {
        assertSameItem(item("a", n("1"), "status", s("on")),
                client.getItem(r -> r.tableName(table).key(key("k")).attributesToGet("a", "status", "nosuch")).item());
        assertSameItem(item("a.b", s("dotted")), client.getItem(r -> r.tableName(table).key(key("k")).attributesToGet("a.b")).item());
        // AttributesToGet names are never paths
    }

    /**
     * DEVIATION from DynamoDB Local (message only): real DynamoDB says "One or more parameter values were invalid:
     * Duplicate value in attribute name: a" (as recorded by dynalite's tests against DynamoDB); DynamoDB Local says
     * "Cannot have two attributes with the same name".
     */
    @Test
    @org.junit.jupiter.api.Tag("ddblocal-deviation")
    void attributesToGetDuplicatesAreNamed() {
        expectValidation("One or more parameter values were invalid: Duplicate value in attribute name: a",
                () -> client.getItem(r -> r.tableName(table).key(key("k")).attributesToGet(List.of("a", "a"))));
    }

    @Test
    void attributesToGetAndProjectionExpressionCannotBeMixed() {
        expectValidation("Can not use both expression and non-expression parameters in the same request: Non-expression"
                + " parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}",
                () -> client.getItem(r -> r.tableName(table).key(key("k")).attributesToGet("a").projectionExpression("t")));
    }

    @Test
    void aMissingItemProjectsToNoItem() {
        assertFalse(client.getItem(r -> r.tableName(table).key(key("absent")).projectionExpression("a")).hasItem());
    }
}
