package io.dynamis.it;

import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Reads of a global secondary index see every write acknowledged before they began, as with DynamoDB
 * Local (setting {@code dynamis.query.gsi-read-after-write}, on by default): 8 clients move 1,000 items
 * between index keys with UpdateItem while 8 others query the index; no query may return an item's entry
 * in a version older than one acknowledged before the query was sent. With the setting off, this test
 * fails (the index lags the writes by some milliseconds, as DynamoDB's eventually consistent ones do).
 */
@ExtendWith(StackExtension.class)
class GsiReadAfterWriteIT {

    private static final int ITEMS = 1_000;
    private static final int BUCKETS = 50;
    private static final int WRITERS = 8;
    private static final int READERS = 8;
    private static final long RUN_MILLIS = 15_000;

    private final DynamoDbClient client;
    /** Per item: when (nanoTime, after the answer) each version was acknowledged. */
    private final List<ConcurrentSkipListMap<Long, Long>> acknowledged = new ArrayList<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong entriesSeen = new AtomicLong();
    private final AtomicLong staleEntries = new AtomicLong();
    private final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    GsiReadAfterWriteIT(DynamisStack stack) {
        this.client = stack.client();
    }

    @Test
    void aQueryOfAGlobalIndexNeverReturnsAnEntryOlderThanAWriteAcknowledgedBeforeIt() throws Exception {
        String table = createTable();
        for (int i = 0; i < ITEMS; i++) {
            int item = i;
            client.putItem(r -> r.tableName(table).item(Map.of("pk", s(pk(item)), "g", s(bucket(item % BUCKETS)),
                    "v", n(0))));
            ConcurrentSkipListMap<Long, Long> versions = new ConcurrentSkipListMap<>();
            versions.put(System.nanoTime(), 0L);
            acknowledged.add(versions);
        }

        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            threads.add(thread("gsi-raw-writer-" + w, () -> write(table, writer, deadline)));
        }
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            threads.add(thread("gsi-raw-reader-" + r, () -> read(table, reader, deadline)));
        }
        for (Thread thread : threads) {
            thread.join(RUN_MILLIS + 60_000);
        }
        if (failure.get() != null) {
            throw new AssertionError("a client failed", failure.get());
        }
        System.out.printf("GsiReadAfterWriteIT: %d writes, %d queries returning %d entries, %d stale%n",
                writes.get(), queries.get(), entriesSeen.get(), staleEntries.get());
        // in the services topology a read waits for the Kafka path's index lag (some 100-400 ms under this load)
        assertTrue(writes.get() >= 200, "enough writes to race with: " + writes.get());
        assertTrue(queries.get() >= 50 && entriesSeen.get() >= 500,
                "enough queries: " + queries.get() + " returning " + entriesSeen.get() + " entries");
        assertEquals(0, staleEntries.get(), "entries older than a write acknowledged before their query (of "
                + entriesSeen.get() + " in " + queries.get() + " queries, " + writes.get() + " writes), e.g. "
                + List.copyOf(examples));
    }

    private Thread thread(String name, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, name);
        thread.start();
        return thread;
    }

    /** Writer {@code writer} owns the items i with i % WRITERS == writer: its versions of them only grow. */
    private void write(String table, int writer, long deadline) {
        Random random = new Random(17 * writer + 3);
        long[] versions = new long[ITEMS];
        while (System.nanoTime() < deadline && failure.get() == null) {
            int item = random.nextInt(ITEMS / WRITERS) * WRITERS + writer;
            long version = ++versions[item];
            client.updateItem(r -> r.tableName(table).key(Map.of("pk", s(pk(item))))
                    .updateExpression("SET g = :g, v = :v")
                    .expressionAttributeValues(Map.of(":g", s(bucket(random.nextInt(BUCKETS))), ":v", n(version))));
            acknowledged.get(item).put(System.nanoTime(), version);
            writes.incrementAndGet();
        }
    }

    private void read(String table, int reader, long deadline) {
        Random random = new Random(29 * reader + 5);
        while (System.nanoTime() < deadline && failure.get() == null) {
            String bucket = bucket(random.nextInt(BUCKETS));
            long started = System.nanoTime();
            QueryResponse page = client.query(r -> r.tableName(table).indexName("byG")
                    .keyConditionExpression("g = :g").expressionAttributeValues(Map.of(":g", s(bucket))));
            queries.incrementAndGet();
            for (Map<String, AttributeValue> entry : page.items()) {
                entriesSeen.incrementAndGet();
                int item = Integer.parseInt(entry.get("pk").s().substring("item-".length()));
                long version = Long.parseLong(entry.get("v").n());
                Map.Entry<Long, Long> before = acknowledged.get(item).lowerEntry(started);
                if (before != null && version < before.getValue()) {
                    staleEntries.incrementAndGet();
                    if (examples.size() < 5) {
                        examples.add(pk(item) + " v" + version + " in " + bucket + " after v" + before.getValue()
                                + " was acknowledged " + TimeUnit.NANOSECONDS.toMicros(started - before.getKey())
                                + " us before the query");
                    }
                }
            }
        }
    }

    private String createTable() {
        String name = Tables.uniqueName("gsiraw");
        client.createTable(r -> r.tableName(name)
                .keySchema(key("pk", KeyType.HASH))
                .attributeDefinitions(attribute("pk"), attribute("g"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(key("g", KeyType.HASH), key("pk", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static String pk(int item) {
        return "item-" + item;
    }

    private static String bucket(int bucket) {
        return "bucket-" + bucket;
    }
}
