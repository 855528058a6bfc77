package io.dynamis.it;

import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A global secondary index added by UpdateTable to a table of 20,000 items while writers keep putting,
 * updating (also moving items out of the sparse index and back) and deleting: once the index is ACTIVE
 * and the log has been applied, it holds every item that has the index key exactly once, with the
 * item's current values, and nothing else.
 */
@ExtendWith(StackExtension.class)
class GsiBackfillUnderWritesIT {

    private static final int ITEMS = 20_000;
    private static final int NEW_ITEMS = 2_000;
    private static final int WRITERS = 2;
    private static final int BUCKETS = 40;
    private static final long ACTIVE_WAIT_MILLIS = 300_000;
    private static final long CONVERGE_WAIT_MILLIS = 60_000;
    /** Writes go on for at least this long after UpdateTable, and stop once the index is ACTIVE. */
    private static final long MIN_WRITE_MILLIS = 3_000;

    private final DynamoDbClient client;

    GsiBackfillUnderWritesIT(DynamisStack stack) {
        this.client = stack.client();
    }

    /** What the test knows each item to be, after every acknowledged write: absent items map to null. */
    private final Map<String, Map<String, AttributeValue>> expected = new ConcurrentHashMap<>();

    @Test
    void everyItemIsInTheBackfilledIndexExactlyOnceWithItsCurrentValues() throws Exception {
        String table = Tables.createHashTable(client, "gsifill", ScalarAttributeType.S);
        load(table);

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                try {
                    write(table, writer, writing, writes);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "gsi-backfill-writer-" + w);
            writers.add(thread);
            thread.start();
        }
        awaitWrites(writes, 20, failure); // the writers are under way before the index is asked for

        long started = System.currentTimeMillis();
        client.updateTable(r -> r.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("g")
                        .attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("pk").keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)))));
        List<Long> perSecond;
        try {
            perSecond = writesPerSecondUntilActive(table, started, writes, failure);
        } finally {
            writing.set(false);
            for (Thread thread : writers) {
                thread.join(30_000);
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("a writer failed", failure.get());
        }
        assertTrue(!perSecond.isEmpty() && perSecond.stream().allMatch(n -> n > 0),
                "writes were acknowledged in every second while the index was built: " + perSecond);

        Map<String, Map<String, AttributeValue>> indexed = new TreeMap<>();
        expected.forEach((pk, item) -> {
            if (item != null && item.containsKey("g")) {
                indexed.put(pk, item);
            }
        });
        assertTrue(indexed.size() > ITEMS / 2, "most items carry the index key");
        Difference difference = awaitIndexEquals(table, indexed);
        assertEquals("", difference.describe(), "the index after the backfill under writes");
    }

    private void load(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            String pk = pk(i);
            Map<String, AttributeValue> item = item(pk, i % BUCKETS, 0);
            expected.put(pk, item);
            items.add(item);
        }
        BatchLoad.putAll(client, table, items);
    }

    /** Writer {@code writer} owns the keys i with i % WRITERS == writer, so its acknowledged writes are the truth. */
    private void write(String table, int writer, AtomicBoolean writing, AtomicLong writes) {
        Random random = new Random(31 * writer + 7);
        long deadline = System.currentTimeMillis() + ACTIVE_WAIT_MILLIS + 60_000;
        for (long version = 1; writing.get() && System.currentTimeMillis() < deadline; version++) {
            int i = random.nextInt((ITEMS + NEW_ITEMS) / WRITERS) * WRITERS + writer;
            String pk = pk(i);
            int op = random.nextInt(10);
            Map<String, AttributeValue> key = Map.of("pk", s(pk));
            if (op < 5) {
                Map<String, AttributeValue> item = item(pk, random.nextInt(BUCKETS), version);
                client.putItem(r -> r.tableName(table).item(item));
                expected.put(pk, item);
            } else if (op < 7 && expected.get(pk) != null) {
                long v = version;
                var updated = client.updateItem(r -> r.tableName(table).key(key)
                        .updateExpression("SET v = :v, g = :g")
                        .expressionAttributeValues(Map.of(":v", n(v), ":g", s(bucket(random.nextInt(BUCKETS)))))
                        .returnValues("ALL_NEW"));
                expected.put(pk, new HashMap<>(updated.attributes()));
            } else if (op < 8 && expected.get(pk) != null) {
                var updated = client.updateItem(r -> r.tableName(table).key(key).updateExpression("REMOVE g")
                        .returnValues("ALL_NEW"));
                expected.put(pk, new HashMap<>(updated.attributes()));
            } else {
                client.deleteItem(r -> r.tableName(table).key(key));
                expected.remove(pk);
            }
            writes.incrementAndGet();
        }
    }

    private static void awaitWrites(AtomicLong writes, long count, AtomicReference<Throwable> failure)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (writes.get() < count) {
            if (failure.get() != null || System.currentTimeMillis() > deadline) {
                throw new AssertionError("the writers did not get under way: " + writes.get() + " writes", failure.get());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the index is ACTIVE and at least {@link #MIN_WRITE_MILLIS} have passed since UpdateTable, counting
     * the writes acknowledged in each whole second since; returns those counts.
     */
    private List<Long> writesPerSecondUntilActive(String table, long started, AtomicLong writes,
            AtomicReference<Throwable> failure) throws InterruptedException {
        List<Long> perSecond = new ArrayList<>();
        long last = writes.get();
        long nextSecond = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        String status = "CREATING";
        while (!"ACTIVE".equals(status) || System.currentTimeMillis() - started < MIN_WRITE_MILLIS) {
            if (failure.get() != null || System.currentTimeMillis() - started > ACTIVE_WAIT_MILLIS) {
                throw new AssertionError("the index never became ACTIVE (" + status + ")", failure.get());
            }
            if (!"ACTIVE".equals(status)) {
                status = client.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().get(0)
                        .indexStatusAsString();
            }
            Thread.sleep(100);
            if (System.nanoTime() >= nextSecond) {
                long now = writes.get();
                perSecond.add(now - last);
                last = now;
                nextSecond += TimeUnit.SECONDS.toNanos(1);
            }
        }
        return perSecond;
    }

    /** Scans the index until it equals {@code indexed} (the log may still be applied), bounded. */
    private Difference awaitIndexEquals(String table, Map<String, Map<String, AttributeValue>> indexed)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + CONVERGE_WAIT_MILLIS;
        while (true) {
            Difference difference = new Difference(indexed, scanIndex(table));
            if (difference.describe().isEmpty() || System.currentTimeMillis() > deadline) {
                return difference;
            }
            Thread.sleep(500);
        }
    }

    private List<Map<String, AttributeValue>> scanIndex(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        for (int page = 0; page < 1_000; page++) {
            Map<String, AttributeValue> exclusiveStart = start;
            ScanResponse response = client.scan(r -> r.tableName(table).indexName("byG")
                    .exclusiveStartKey(exclusiveStart));
            items.addAll(response.items());
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                break;
            }
            start = response.lastEvaluatedKey();
        }
        return items;
    }

    /** How the index differs from what it should hold: missing items, extra ones, duplicates, stale values. */
    private record Difference(List<String> missing, List<String> extra, List<String> duplicated, List<String> stale) {

        Difference(Map<String, Map<String, AttributeValue>> indexed, List<Map<String, AttributeValue>> scanned) {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            Map<String, Map<String, AttributeValue>> seen = new HashMap<>();
            for (Map<String, AttributeValue> item : scanned) {
                String pk = item.get("pk").s();
                if (seen.put(pk, item) != null) {
                    duplicated.add(pk);
                }
                Map<String, AttributeValue> want = indexed.get(pk);
                if (want == null) {
                    extra.add(pk);
                } else if (!want.equals(item)) {
                    stale.add(pk + " is " + item + ", not " + want);
                }
            }
            indexed.keySet().stream().filter(pk -> !seen.containsKey(pk)).forEach(missing::add);
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            append(text, "missing", missing);
            append(text, "extra", extra);
            append(text, "duplicated", duplicated);
            append(text, "stale", stale);
            return text.toString();
        }

        private static void append(StringBuilder text, String what, List<String> pks) {
            if (!pks.isEmpty()) {
                text.append(pks.size()).append(' ').append(what).append(", e.g. ")
                        .append(pks.subList(0, Math.min(5, pks.size()))).append("; ");
            }
        }
    }

    private static String pk(int i) {
        return String.format("i%05d", i);
    }

    private static String bucket(int b) {
        return "b" + b;
    }

    private static Map<String, AttributeValue> item(String pk, int bucket, long version) {
        return Map.of("pk", s(pk), "g", s(bucket(bucket)), "v", n(version), "pad", s("x".repeat(40)));
    }
}
