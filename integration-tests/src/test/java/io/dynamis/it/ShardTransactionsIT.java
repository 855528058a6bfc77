package io.dynamis.it;

import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dynamis.core.shard.SlotMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Transactions whose items lie on several item-service shards (run with {@code dynamis.it.shards=2};
 * skipped with one shard): a two-phase commit that is atomic, cancels every part when one condition fails,
 * conflicts as DynamoDB does, is idempotent under its ClientRequestToken, reads at one instant, and
 * survives kill -9 of a shard in the middle of a transfer load.
 */
@ExtendWith(StackExtension.class)
class ShardTransactionsIT {

    private final DynamisStack stack;
    private final DynamoDbClient client;
    private final SlotMap slots;

    ShardTransactionsIT(DynamisStack stack) {
        this.stack = stack;
        this.client = stack.client();
        assumeTrue(stack.shards() > 1 && !stack.isExternal(), "runs against several item-service shards only");
        this.slots = SlotMap.contiguous(stack.shards());
    }

    /** A fresh partition key held by {@code shard}. */
    private String keyOn(int shard, String prefix) {
        for (int i = 0; ; i++) {
            String key = prefix + "-" + i;
            if (slots.shardOf(io.dynamis.core.model.AttributeValue.s(key)) == shard) {
                return key;
            }
        }
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression(condition)).build();
    }

    private static TransactWriteItem add(String table, String key, long amount, String condition) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(item("pk", s(key)))
                .updateExpression("ADD n :v").conditionExpression(condition)
                .expressionAttributeValues(condition != null && condition.contains(":min")
                        ? Map.of(":v", n(amount), ":min", n(-amount)) : Map.of(":v", n(amount)))).build();
    }

    private Map<String, AttributeValue> get(String table, String key) {
        var item = client.getItem(r -> r.tableName(table).key(item("pk", s(key))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    @Test
    void aTransactionAcrossShardsCommitsEveryPart() {
        String table = Tables.createHashTable(client, "stx-commit", ScalarAttributeType.S);
        String a = keyOn(0, "a");
        String b = keyOn(1, "b");
        client.transactWriteItems(r -> r.transactItems(
                put(table, item("pk", s(a), "n", n(1)), null), put(table, item("pk", s(b), "n", n(2)), null)));
        assertEquals("1", get(table, a).get("n").n());
        assertEquals("2", get(table, b).get("n").n());

        var read = client.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(table).key(item("pk", s(b)))).build(),
                TransactGetItem.builder().get(g -> g.tableName(table).key(item("pk", s(a)))).build()));
        assertEquals("2", read.responses().get(0).item().get("n").n(), "responses in request order");
        assertEquals("1", read.responses().get(1).item().get("n").n());
        // the read released its holds: a write right after it is not a conflict
        client.putItem(r -> r.tableName(table).item(item("pk", s(a), "n", n(3))));
    }

    @Test
    void aFailedConditionOnOneShardCancelsEveryPartWithReasonsInRequestOrder() {
        String table = Tables.createHashTable(client, "stx-cancel", ScalarAttributeType.S);
        String a = keyOn(0, "a");
        String b = keyOn(1, "b");
        String c = keyOn(0, "c");
        client.putItem(r -> r.tableName(table).item(item("pk", s(b), "n", n(5))));
        TransactionCanceledException canceled = assertThrows(TransactionCanceledException.class,
                () -> client.transactWriteItems(r -> r.transactItems(
                        put(table, item("pk", s(a), "n", n(1)), null),
                        put(table, item("pk", s(b), "n", n(6)), "attribute_not_exists(pk)"),
                        put(table, item("pk", s(c), "n", n(1)), null))));
        assertEquals(List.of("None", "ConditionalCheckFailed", "None"),
                canceled.cancellationReasons().stream().map(CancellationReason::code).toList());
        assertEquals(null, get(table, a), "the part of the other shard was not applied");
        assertEquals(null, get(table, c));
        assertEquals("5", get(table, b).get("n").n());
        // nothing stays held: the same items can be written at once
        client.transactWriteItems(r -> r.transactItems(
                put(table, item("pk", s(a), "n", n(1)), null), put(table, item("pk", s(b), "n", n(7)), null)));
        assertEquals("7", get(table, b).get("n").n());
    }

    @Test
    void aRetryUnderTheSameTokenAppliesNothingAgainAndAnotherRequestUnderItIsAMismatch() {
        String table = Tables.createHashTable(client, "stx-token", ScalarAttributeType.S);
        String a = keyOn(0, "a");
        String b = keyOn(1, "b");
        String token = UUID.randomUUID().toString();
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().clientRequestToken(token).transactItems(
                put(table, item("pk", s(a), "n", n(1)), "attribute_not_exists(pk)"),
                add(table, b, 10, null)).build();
        client.transactWriteItems(request);
        client.transactWriteItems(request); // its condition fails now, but it is the same transaction: success
        assertEquals("10", get(table, b).get("n").n(), "applied once");
        assertThrows(IdempotentParameterMismatchException.class, () -> client.transactWriteItems(request.toBuilder()
                .transactItems(put(table, item("pk", s(a), "n", n(2)), null), add(table, b, 10, null)).build()));
        assertEquals("10", get(table, b).get("n").n());
        assertEquals("1", get(table, a).get("n").n());
    }

    @Test
    void concurrentTransactionsOnTheSameItemsConflictAndNoneIsAppliedInPart() throws Exception {
        String table = Tables.createHashTable(client, "stx-conflict", ScalarAttributeType.S);
        String a = keyOn(0, "a");
        String b = keyOn(1, "b");
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        try {
                            client.transactWriteItems(r -> r.transactItems(add(table, a, 1, null), add(table, b, 1, null)));
                            committed.incrementAndGet();
                        } catch (TransactionCanceledException e) {
                            assertTrue(e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code())),
                                    e.toString());
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(conflicts.get() > 0, "8 clients on the same two items met a transaction holding them");
        assertTrue(committed.get() > 0);
        assertEquals(String.valueOf(committed.get()), get(table, a).get("n").n(), "every committed transaction, whole");
        assertEquals(String.valueOf(committed.get()), get(table, b).get("n").n());
        System.out.printf("conflicts: %d committed, %d canceled with TransactionConflict%n", committed.get(), conflicts.get());
    }

    // ---- the transfer test ----

    private static final int ACCOUNTS = 1_000;
    private static final int CLIENTS = 16;
    private static final long INITIAL = 100;

    /**
     * 16 clients move random amounts between 1,000 accounts on both shards (no balance below zero), each
     * transfer also writing its own record, while shard 1 is kill -9ed and restarted twice. Afterwards the
     * total is unchanged, no balance is negative, every acknowledged transfer's record is there, and every
     * account's balance is its initial one plus exactly the transfers recorded.
     */
    @Test
    void transfersSurviveKillNineOfAShardTwice() throws Exception {
        String accounts = Tables.createHashTable(client, "stx-accounts", ScalarAttributeType.S);
        String transfers = Tables.createHashTable(client, "stx-transfers", ScalarAttributeType.S);
        List<Map<String, AttributeValue>> initial = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            initial.add(item("pk", s("acct-" + i), "n", n(INITIAL)));
        }
        BatchLoad.putAll(client, accounts, initial);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger canceled = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> load = new ArrayList<>();
        // the load runs until the kills and restarts are done (stop); this bound only outlasts them at their
        // slowest (two restarts of up to 5 minutes, the launcher's limit): a restart of a minute on a busy
        // machine once outlasted a bound of 150 s, and no transfer was left to go on after the restarts
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(12);
        for (int t = 0; t < CLIENTS; t++) {
            load.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get() && System.nanoTime() < deadline) {
                    int from = random.nextInt(ACCOUNTS);
                    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    long amount = 1 + random.nextInt(30);
                    String id = UUID.randomUUID().toString();
                    try {
                        client.transactWriteItems(r -> r.transactItems(
                                add(accounts, "acct-" + from, -amount, "n >= :min"),
                                add(accounts, "acct-" + to, amount, null),
                                put(transfers, item("pk", s(id), "from", s("acct-" + from), "to", s("acct-" + to),
                                        "amount", n(amount)), "attribute_not_exists(pk)")));
                        acknowledged.add(id);
                    } catch (TransactionCanceledException e) {
                        canceled.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet(); // the shard is down, or the outcome is unknown: not acknowledged
                    }
                }
                return null;
            }));
        }
        try {
            for (int round = 0; round < 2; round++) {
                int before = acknowledged.size();
                long waited = System.nanoTime();
                while (acknowledged.size() < before + 200 && System.nanoTime() - waited < TimeUnit.SECONDS.toNanos(30)) {
                    Thread.sleep(50);
                }
                assertTrue(acknowledged.size() > before, "transfers were being acknowledged before kill " + (round + 1));
                stack.kill("item-service-1");
                Thread.sleep(500);
                stack.start();
            }
            int afterRestarts = acknowledged.size();
            long waited = System.nanoTime();
            while (acknowledged.size() < afterRestarts + 200 && System.nanoTime() - waited < TimeUnit.SECONDS.toNanos(30)) {
                Thread.sleep(50);
            }
            assertTrue(acknowledged.size() > afterRestarts, "transfers went on after the restarts");
        } finally {
            stop.set(true);
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES);
        }
        for (Future<?> f : load) {
            f.get();
        }
        System.out.printf("transfers: %d acknowledged, %d canceled, %d failed around the kills%n", acknowledged.size(),
                canceled.get(), failed.get());

        // undecided transactions resolve within seconds (a prepared part asks its coordinator shard): wait for it
        AssertionError last = null;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            try {
                verifyTransfers(accounts, transfers, acknowledged);
                return;
            } catch (AssertionError notYet) {
                last = notYet;
                Thread.sleep(1000);
            }
        }
        throw last;
    }

    private void verifyTransfers(String accounts, String transfers, Set<String> acknowledged) {
        Map<String, Long> balances = new HashMap<>();
        client.scanPaginator(r -> r.tableName(accounts).consistentRead(true)).items()
                .forEach(item -> balances.put(item.get("pk").s(), Long.parseLong(item.get("n").n())));
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            expected.put("acct-" + i, INITIAL);
        }
        Set<String> recorded = new java.util.HashSet<>();
        client.scanPaginator(r -> r.tableName(transfers).consistentRead(true)).items().forEach(item -> {
            recorded.add(item.get("pk").s());
            long amount = Long.parseLong(item.get("amount").n());
            expected.merge(item.get("from").s(), -amount, Long::sum);
            expected.merge(item.get("to").s(), amount, Long::sum);
        });
        assertEquals(ACCOUNTS, balances.size());
        assertEquals(INITIAL * ACCOUNTS, balances.values().stream().mapToLong(Long::longValue).sum(), "the total is unchanged");
        assertFalse(balances.values().stream().anyMatch(balance -> balance < 0), "no balance is negative");
        List<String> lost = acknowledged.stream().filter(id -> !recorded.contains(id)).toList();
        assertTrue(lost.isEmpty(), "acknowledged transfers lost: " + lost);
        assertEquals(expected, balances, "every balance is its initial one plus exactly the transfers recorded");
    }
}
