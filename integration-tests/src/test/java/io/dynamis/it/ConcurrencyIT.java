package io.dynamis.it;

import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.key;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Concurrent writers on one item through one endpoint: atomic counters lose no increment, and optimistic locking
 * with a version attribute loses no update. Bounded in count (-Ddynamis.it.concurrency.threads / .updates) and time.
 */
@ExtendWith(StackExtension.class)
class ConcurrencyIT {

    private static final int THREADS = Integer.getInteger("dynamis.it.concurrency.threads", 16);
    private static final int UPDATES = Integer.getInteger("dynamis.it.concurrency.updates", 1000);

    private final DynamoDbClient client;

    ConcurrencyIT(DynamisStack stack) {
        this.client = stack.client();
    }

    private static void runAll(int threads, Duration limit, java.util.function.IntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> body.accept(id)));
            }
            long deadline = System.nanoTime() + limit.toNanos();
            for (Future<?> f : futures) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void concurrentAddsLoseNoIncrement() throws Exception {
        String table = Tables.createHashTable(client, "counter", ScalarAttributeType.S);
        runAll(THREADS, Duration.ofSeconds(280), id -> {
            for (int i = 0; i < UPDATES; i++) {
                client.updateItem(r -> r.tableName(table).key(key("c")).updateExpression("ADD ctr :one")
                        .expressionAttributeValues(item(":one", n(1))));
            }
        });
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).key(key("c")).consistentRead(true)).item();
        assertEquals(Integer.toString(THREADS * UPDATES), item.get("ctr").n());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void optimisticLockingLosesNoUpdate() throws Exception {
        String table = Tables.createHashTable(client, "version", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(table).item(item("pk", s("v"), "ver", n(0), "who", s("nobody"))));
        int threads = 8;
        int attempts = 150;
        AtomicInteger successes = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        runAll(threads, Duration.ofSeconds(160), id -> {
            for (int i = 0; i < attempts; i++) {
                Map<String, AttributeValue> current = client.getItem(r -> r.tableName(table).key(key("v")).consistentRead(true)).item();
                long version = Long.parseLong(current.get("ver").n());
                try {
                    client.putItem(r -> r.tableName(table).item(item("pk", s("v"), "ver", n(version + 1), "who", s("t" + id)))
                            .conditionExpression("ver = :seen").expressionAttributeValues(item(":seen", n(version))));
                    successes.incrementAndGet();
                } catch (ConditionalCheckFailedException e) {
                    conflicts.incrementAndGet();
                }
            }
        });
        long finalVersion = Long.parseLong(client.getItem(r -> r.tableName(table).key(key("v")).consistentRead(true)).item().get("ver").n());
        assertEquals(successes.get(), finalVersion, "every successful conditional put is one version; conflicts: " + conflicts.get());
        assertEquals(threads * attempts, successes.get() + conflicts.get());
        assertTrue(successes.get() > 0);
    }
}
