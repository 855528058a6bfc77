package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.assertSameItem;
import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.key;
import static io.dynamis.it.Items.l;
import static io.dynamis.it.Items.m;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** ReturnValues on PutItem, UpdateItem and DeleteItem (API Reference, UpdateItem "ReturnValues"). */
@ExtendWith(StackExtension.class)
class ReturnValuesIT {

    private final DynamoDbClient client;
    private String table;

    ReturnValuesIT(DynamisStack stack) {
        this.client = stack.client();
    }

    static Map<String, AttributeValue> start() {
        return item("pk", s("k"), "a", n("1"), "b", s("keep"), "doc", m("x", n("1"), "y", n("2")), "l", l(s("l0"), s("l1")));
    }

    @BeforeEach
    void createTable() {
        table = Tables.createHashTable(client, "rv", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(table).item(start()));
    }

    private UpdateItemResponse update(ReturnValue returnValue) {
        return client.updateItem(r -> r.tableName(table).key(key("k"))
                .updateExpression("SET a = a + :one, doc.y = :v, fresh = :v REMOVE l[0]")
                .expressionAttributeValues(item(":one", n("1"), ":v", s("new"))).returnValues(returnValue));
    }

    @Test
    void updateReturnsNothingByDefaultAndWithNone() {
        assertFalse(client.updateItem(r -> r.tableName(table).key(key("k")).updateExpression("SET a = :v")
                .expressionAttributeValues(item(":v", n("9")))).hasAttributes());
        assertFalse(update(ReturnValue.NONE).hasAttributes());
    }

    @Test
    void updateAllOld() {
        assertSameItem(start(), update(ReturnValue.ALL_OLD).attributes());
    }

    private Map<String, AttributeValue> updateTopLevel(ReturnValue returnValue) {
        return client.updateItem(r -> r.tableName(table).key(key("k"))
                .updateExpression("SET a = a + :one, fresh = :v REMOVE b, nosuch")
                .expressionAttributeValues(item(":one", n("1"), ":v", s("new"))).returnValues(returnValue)).attributes();
    }

    @Test
    void updateUpdatedOldReturnsTheUpdatedAttributesAsTheyWere() {
        // fresh and nosuch did not exist before: nothing to return for them
        assertSameItem(item("a", n("1"), "b", s("keep")), updateTopLevel(ReturnValue.UPDATED_OLD));
    }

    @Test
    void updateUpdatedNewReturnsTheUpdatedAttributesAsTheyAreNow() {
        // removed attributes are not returned
        assertSameItem(item("a", n("2"), "fresh", s("new")), updateTopLevel(ReturnValue.UPDATED_NEW));
    }

    private UpdateItemResponse updateNested(ReturnValue returnValue) {
        return client.updateItem(r -> r.tableName(table).key(key("k"))
                .updateExpression("SET a = a + :one, doc.y = :v, fresh = :v")
                .expressionAttributeValues(item(":one", n("1"), ":v", s("new"))).returnValues(returnValue));
    }

    /**
     * DEVIATION from DynamoDB Local: real DynamoDB returns only the updated document paths ("UPDATED_OLD - Returns only
     * the updated attributes"), so updating doc.y returns doc with y alone; DynamoDB Local returns the whole top-level
     * attribute doc.
     */
    @Test
    @org.junit.jupiter.api.Tag("ddblocal-deviation")
    void updatedOldAndUpdatedNewReturnOnlyTheUpdatedNestedPaths() {
        assertSameItem(item("a", n("1"), "doc", m("y", n("2"))), updateNested(ReturnValue.UPDATED_OLD).attributes());
        assertSameItem(item("a", n("3"), "doc", m("y", s("new")), "fresh", s("new")), updateNested(ReturnValue.UPDATED_NEW).attributes());
    }

    @Test
    void updateAllNew() {
        assertSameItem(item("pk", s("k"), "a", n("2"), "b", s("keep"), "doc", m("x", n("1"), "y", s("new")), "l", l(s("l1")),
                "fresh", s("new")), update(ReturnValue.ALL_NEW).attributes());
    }

    @Test
    void updateThatCreatesAnItem() {
        assertFalse(client.updateItem(r -> r.tableName(table).key(key("new")).updateExpression("SET a = :v")
                .expressionAttributeValues(item(":v", n("1"))).returnValues(ReturnValue.ALL_OLD)).hasAttributes());
        assertSameItem(item("pk", s("new2"), "a", n("1")), client.updateItem(r -> r.tableName(table).key(key("new2"))
                .updateExpression("SET a = :v").expressionAttributeValues(item(":v", n("1"))).returnValues(ReturnValue.ALL_NEW)).attributes());
        assertSameItem(item("a", n("1")), client.updateItem(r -> r.tableName(table).key(key("new3"))
                .updateExpression("SET a = :v").expressionAttributeValues(item(":v", n("1"))).returnValues(ReturnValue.UPDATED_NEW)).attributes());
    }

    @Test
    void removeWithUpdatedNewReturnsNothing() {
        assertFalse(client.updateItem(r -> r.tableName(table).key(key("k")).updateExpression("REMOVE b")
                .returnValues(ReturnValue.UPDATED_NEW)).hasAttributes());
    }

    @Test
    void putAllOld() {
        Map<String, AttributeValue> replacement = item("pk", s("k"), "z", n("0"));
        assertSameItem(start(), client.putItem(r -> r.tableName(table).item(replacement).returnValues(ReturnValue.ALL_OLD)).attributes());
        assertFalse(client.putItem(r -> r.tableName(table).item(item("pk", s("other"))).returnValues(ReturnValue.ALL_OLD)).hasAttributes());
        assertFalse(client.putItem(r -> r.tableName(table).item(replacement).returnValues(ReturnValue.NONE)).hasAttributes());
    }

    @Test
    void deleteAllOld() {
        assertSameItem(start(), client.deleteItem(r -> r.tableName(table).key(key("k")).returnValues(ReturnValue.ALL_OLD)).attributes());
        assertFalse(client.deleteItem(r -> r.tableName(table).key(key("k")).returnValues(ReturnValue.ALL_OLD)).hasAttributes());
    }

    /**
     * DEVIATION from DynamoDB Local (message only): real DynamoDB says "ReturnValues can only be ALL_OLD or NONE";
     * DynamoDB Local says "Return values set to invalid value". Both reject with a ValidationException.
     */
    @Test
    @org.junit.jupiter.api.Tag("ddblocal-deviation")
    void putAndDeleteOnlyAcceptAllOldOrNone() {
        for (ReturnValue rv : new ReturnValue[] {ReturnValue.ALL_NEW, ReturnValue.UPDATED_OLD, ReturnValue.UPDATED_NEW}) {
            expectValidation("ReturnValues can only be ALL_OLD or NONE",
                    () -> client.putItem(r -> r.tableName(table).item(item("pk", s("x"))).returnValues(rv)));
            expectValidation("ReturnValues can only be ALL_OLD or NONE",
                    () -> client.deleteItem(r -> r.tableName(table).key(key("k")).returnValues(rv)));
        }
        assertEquals(start().size(), client.getItem(r -> r.tableName(table).key(key("k"))).item().size(), "nothing was deleted");
    }

    /** DEVIATION from DynamoDB Local (message only): DynamoDB answers its enum constraint message; DynamoDB Local words it differently. */
    @Test
    @org.junit.jupiter.api.Tag("ddblocal-deviation")
    void unknownReturnValuesAreRejected() {
        expectValidation("1 validation error detected: Value 'EVERYTHING' at 'returnValues' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]",
                () -> client.updateItem(r -> r.tableName(table).key(key("k")).updateExpression("SET a = :v")
                        .expressionAttributeValues(item(":v", n("1"))).returnValues("EVERYTHING")));
    }
}
