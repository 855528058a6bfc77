package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.assertSameItem;
import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.key;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** TransactWriteItems and TransactGetItems (Developer Guide, "Amazon DynamoDB Transactions"). */
@ExtendWith(StackExtension.class)
class TransactionsIT {

    private final DynamoDbClient client;
    private String accounts;
    private String audit;

    TransactionsIT(DynamisStack stack) {
        this.client = stack.client();
    }

    @BeforeEach
    void createTables() {
        accounts = Tables.createHashTable(client, "tx-accounts", ScalarAttributeType.S);
        audit = Tables.createHashTable(client, "tx-audit", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(accounts).item(item("pk", s("alice"), "bal", n(100))));
        client.putItem(r -> r.tableName(accounts).item(item("pk", s("bob"), "bal", n(50))));
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    private static TransactWriteItem add(String table, String pk, long amount, String condition) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(pk))
                .updateExpression("ADD bal :d").conditionExpression(condition)
                .expressionAttributeValues(condition == null ? item(":d", n(amount)) : item(":d", n(amount), ":min", n(-amount)))
                .build()).build();
    }

    private static TransactWriteItem delete(String table, String pk) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(pk)).build()).build();
    }

    private static TransactWriteItem check(String table, String pk, String condition, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key(pk))
                .conditionExpression(condition).expressionAttributeValues(values).build()).build();
    }

    private Map<String, AttributeValue> read(String table, String pk) {
        return client.getItem(r -> r.tableName(table).key(key(pk)).consistentRead(true)).item();
    }

    private long balance(String pk) {
        return Long.parseLong(read(accounts, pk).get("bal").n());
    }

    @Test
    void putUpdateDeleteAndConditionCheckAcrossTablesApplyTogether() {
        client.putItem(r -> r.tableName(audit).item(item("pk", s("stale"))));
        client.transactWriteItems(r -> r.transactItems(
                add(accounts, "alice", -30, "bal >= :min"),
                add(accounts, "bob", 30, null),
                put(audit, item("pk", s("t1"), "amount", n(30))),
                delete(audit, "stale"),
                check(accounts, "carol", "attribute_not_exists(pk)", null)));
        assertEquals(70, balance("alice"));
        assertEquals(80, balance("bob"));
        assertSameItem(item("pk", s("t1"), "amount", n(30)), read(audit, "t1"));
        assertFalse(client.getItem(r -> r.tableName(audit).key(key("stale"))).hasItem());
    }

    @Test
    void oneFailedConditionCancelsEverything() {
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> client.transactWriteItems(r -> r
                .transactItems(
                        add(accounts, "bob", 500, null),
                        put(audit, item("pk", s("t2"))),
                        add(accounts, "alice", -500, "bal >= :min"))));
        assertEquals("TransactionCanceledException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertEquals("Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed]",
                e.awsErrorDetails().errorMessage());
        List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
        assertEquals(List.of("None", "None", "ConditionalCheckFailed"), codes, "one reason per action, in request order");
        assertEquals("The conditional request failed", e.cancellationReasons().get(2).message());
        assertNull(e.cancellationReasons().get(0).message());
        assertFalse(e.cancellationReasons().get(2).hasItem(), "no item unless asked for");
        assertEquals(100, balance("alice"));
        assertEquals(50, balance("bob"));
        assertFalse(client.getItem(r -> r.tableName(audit).key(key("t2"))).hasItem());
    }

    @Test
    void aFailedConditionCheckReturnsTheItemWhenAsked() {
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> client.transactWriteItems(r -> r
                .transactItems(
                        TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(accounts).key(key("alice"))
                                .conditionExpression("bal > :v").expressionAttributeValues(item(":v", n(1000)))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build(),
                        add(accounts, "bob", 1, null))));
        assertEquals("ConditionalCheckFailed", e.cancellationReasons().get(0).code());
        assertEquals(item("pk", s("alice"), "bal", n(100)), e.cancellationReasons().get(0).item());
        assertEquals("None", e.cancellationReasons().get(1).code());
        assertEquals(50, balance("bob"));
    }

    @Test
    void twoActionsOnOneItemAreRejected() {
        expectValidation("Transaction request cannot include multiple operations on one item",
                () -> client.transactWriteItems(r -> r.transactItems(add(accounts, "alice", 1, null), add(accounts, "alice", 2, null))));
        expectValidation("Transaction request cannot include multiple operations on one item",
                () -> client.transactWriteItems(r -> r.transactItems(
                        check(accounts, "alice", "attribute_exists(pk)", null), delete(accounts, "alice"))));
        assertEquals(100, balance("alice"));
    }

    @Test
    void upToOneHundredActions() {
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            actions.add(put(audit, item("pk", s("i" + i))));
        }
        client.transactWriteItems(r -> r.transactItems(actions));
        assertTrue(client.getItem(r -> r.tableName(audit).key(key("i99"))).hasItem());
    }

    @Test
    void moreThanOneHundredActionsAreRejected() {
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            actions.add(put(audit, item("pk", s("j" + i))));
        }
        Errors.expectValidationEndingWith("Member must have length less than or equal to 100",
                () -> client.transactWriteItems(r -> r.transactItems(actions)));
        assertFalse(client.getItem(r -> r.tableName(audit).key(key("j0"))).hasItem());
    }

    @Test
    void anEmptyTransactionIsRejected() {
        Errors.expectValidationEndingWith("Member must have length greater than or equal to 1",
                () -> client.transactWriteItems(r -> r.transactItems(List.of())));
    }

    @Test
    void aMissingTableIsResourceNotFound() {
        assertThrows(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class,
                () -> client.transactWriteItems(r -> r.transactItems(put(audit, item("pk", s("x"))), put("no-such-table", item("pk", s("x"))))));
        assertFalse(client.getItem(r -> r.tableName(audit).key(key("x"))).hasItem());
        assertThrows(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class,
                () -> client.transactGetItems(r -> r.transactItems(
                        TransactGetItem.builder().get(Get.builder().tableName("no-such-table").key(key("x")).build()).build())));
    }

    @Test
    void clientRequestTokensAreAtMost36Characters() {
        Errors.expectValidationEndingWith("Member must have length less than or equal to 36",
                () -> client.transactWriteItems(r -> r.clientRequestToken("x".repeat(37)).transactItems(put(audit, item("pk", s("y"))))));
    }

    @Test
    void aRepeatedClientRequestTokenDoesNotApplyTheRequestTwice() {
        String token = java.util.UUID.randomUUID().toString();
        List<TransactWriteItem> transfer = List.of(add(accounts, "alice", -10, "bal >= :min"), add(accounts, "bob", 10, null));
        client.transactWriteItems(r -> r.clientRequestToken(token).transactItems(transfer));
        client.transactWriteItems(r -> r.clientRequestToken(token).transactItems(transfer));
        assertEquals(90, balance("alice"), "the second call succeeds without applying again");
        assertEquals(60, balance("bob"));
    }

    @Test
    void aRepeatedClientRequestTokenWithAnotherRequestIsAMismatch() {
        String token = java.util.UUID.randomUUID().toString();
        client.transactWriteItems(r -> r.clientRequestToken(token).transactItems(add(accounts, "alice", -10, null)));
        IdempotentParameterMismatchException e = assertThrows(IdempotentParameterMismatchException.class,
                () -> client.transactWriteItems(r -> r.clientRequestToken(token).transactItems(add(accounts, "alice", -20, null))));
        assertEquals("IdempotentParameterMismatchException", e.awsErrorDetails().errorCode());
        assertEquals(90, balance("alice"));
    }

    @Test
    void transactGetItemsReturnsItemsInRequestOrder() {
        client.putItem(r -> r.tableName(audit).item(item("pk", s("a1"), "note", s("n"))));
        List<ItemResponse> responses = client.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(Get.builder().tableName(accounts).key(key("bob")).build()).build(),
                TransactGetItem.builder().get(Get.builder().tableName(audit).key(key("absent")).build()).build(),
                TransactGetItem.builder().get(Get.builder().tableName(audit).key(key("a1")).projectionExpression("note").build()).build(),
                TransactGetItem.builder().get(Get.builder().tableName(accounts).key(key("alice")).build()).build())).responses();
        assertEquals(4, responses.size());
        assertEquals(item("pk", s("bob"), "bal", n(50)), new java.util.LinkedHashMap<>(responses.get(0).item()));
        assertFalse(responses.get(1).hasItem(), "a missing item gives an empty entry");
        assertEquals(Map.of("note", s("n")), responses.get(2).item());
        assertEquals(n(100), responses.get(3).item().get("bal"));
    }

    @Test
    void itemsOfMoreThanFourMegabytesInAllAreRefusedAndNothingIsWritten() {
        String big = "x".repeat(390 * 1024);
        List<TransactWriteItem> puts = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            puts.add(put(audit, item("pk", s("big" + i), "data", s(big))));
        }
        expectValidation("The aggregate size of the items in the transaction cannot exceed 4 MB",
                () -> client.transactWriteItems(r -> r.transactItems(puts)));
        assertTrue(read(audit, "big0").isEmpty());
        client.transactWriteItems(r -> r.transactItems(puts.subList(0, 10)));
        assertEquals(big, read(audit, "big9").get("data").s());
    }

    @Test
    void aGetWithAKeyThatDoesNotMatchTheSchemaCancelsTheTransactionWithAValidationError() {
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> client.transactGetItems(r -> r.transactItems(
                        TransactGetItem.builder().get(Get.builder().tableName(accounts).key(key("alice")).build()).build(),
                        TransactGetItem.builder().get(Get.builder().tableName(accounts)
                                .key(item("other", s("x"))).build()).build())));
        assertEquals("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]",
                e.awsErrorDetails().errorMessage());
        List<CancellationReason> reasons = e.cancellationReasons();
        assertEquals("None", reasons.get(0).code());
        assertEquals("ValidationError", reasons.get(1).code());
        assertEquals("The provided key element does not match the schema", reasons.get(1).message());
    }

    @Test
    void transactGetItemsRejectsTwoReadsOfOneItem() {
        expectValidation("Transaction request cannot include multiple operations on one item",
                () -> client.transactGetItems(r -> r.transactItems(
                        TransactGetItem.builder().get(Get.builder().tableName(accounts).key(key("bob")).build()).build(),
                        TransactGetItem.builder().get(Get.builder().tableName(accounts).key(key("bob")).build()).build())));
    }

    /**
     * Isolation: transfers between two accounts (each a TransactWriteItems) run while TransactGetItems reads both
     * balances; every read sees the same total. A transfer that is cancelled (a conflict, which DynamoDB allows) did not
     * happen, so the transfers that committed are counted — alice to bob moves 1, bob to alice moves 2, so the final
     * balances say how many of each committed — and at least half of them must commit, or nothing was tested.
     * Bounded: 2 writers x 100 transfers, 1 reader x 200 reads, 60 s.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void transactGetItemsNeverSeesHalfATransfer() throws Exception {
        long alice = balance("alice");
        long total = alice + balance("bob");
        AtomicInteger torn = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger[] committed = {new AtomicInteger(), new AtomicInteger()}; // [0] alice to bob, [1] bob to alice
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                boolean toBob = w == 0;
                AtomicInteger commits = committed[w];
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 100 && System.nanoTime() < deadline; i++) {
                        long amount = toBob ? 1 : 2;
                        try {
                            client.transactWriteItems(r -> r.transactItems(add(accounts, toBob ? "alice" : "bob", -amount, null),
                                    add(accounts, toBob ? "bob" : "alice", amount, null)));
                            commits.incrementAndGet();
                        } catch (TransactionCanceledException e) {
                            // a conflict with a concurrent transaction: allowed, the transfer simply did not happen
                        }
                    }
                    return null;
                }));
            }
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 200 && System.nanoTime() < deadline; i++) {
                    try {
                        List<ItemResponse> both = client.transactGetItems(r -> r.transactItems(
                                TransactGetItem.builder().get(Get.builder().tableName(accounts).key(key("alice")).build()).build(),
                                TransactGetItem.builder().get(Get.builder().tableName(accounts).key(key("bob")).build()).build())).responses();
                        long sum = Long.parseLong(both.get(0).item().get("bal").n()) + Long.parseLong(both.get(1).item().get("bal").n());
                        reads.incrementAndGet();
                        if (sum != total) {
                            torn.incrementAndGet();
                        }
                    } catch (TransactionCanceledException e) {
                        // a conflict with a concurrent write transaction: allowed
                    }
                }
                return null;
            }));
            for (Future<?> f : futures) {
                f.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int toBob = committed[0].get();
        int toAlice = committed[1].get();
        assertTrue(toBob + toAlice >= 100, "transfers committed: " + toBob + " to bob and " + toAlice + " to alice, of 200");
        assertTrue(reads.get() >= 100, "reads completed: " + reads.get() + " of 200");
        assertEquals(0, torn.get(), "reads that saw a different total, out of " + reads.get());
        assertEquals(alice - toBob + 2L * toAlice, balance("alice"), "every committed transfer applied once, no other");
        assertEquals(total, balance("alice") + balance("bob"));
    }
}
