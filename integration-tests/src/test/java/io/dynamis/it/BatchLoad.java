package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Loads items into a table with BatchWriteItem, 25 puts a request, the unprocessed items of an answer sent
 * again (at most {@link #ATTEMPTS} requests a batch; a batch still unprocessed then fails the test).
 */
final class BatchLoad {

    static final int BATCH = 25;
    static final int ATTEMPTS = 100;

    private BatchLoad() {
    }

    /** Writes every item, from this thread. */
    static void putAll(DynamoDbClient client, String table, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += BATCH) {
            put(client, table, items.subList(from, Math.min(from + BATCH, items.size())));
        }
    }

    /**
     * Writes every item from {@code threads} threads sharing the batches; fails the test when the load has
     * not finished within {@code timeout} (its threads are then interrupted).
     */
    static void putAll(DynamoDbClient client, String table, List<Map<String, AttributeValue>> items, int threads,
            Duration timeout) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int from = 0; from < items.size(); from += BATCH) {
                List<Map<String, AttributeValue>> batch = items.subList(from, Math.min(from + BATCH, items.size()));
                batches.add(pool.submit(() -> put(client, table, batch)));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<?> batch : batches) {
                batch.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            throw new AssertionError("loading " + items.size() + " items took more than " + timeout, e);
        } catch (ExecutionException e) {
            throw new AssertionError("a batch of the load failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One BatchWriteItem of at most 25 puts, what it leaves unprocessed sent again. */
    static void put(DynamoDbClient client, String table, List<Map<String, AttributeValue>> batch) {
        List<WriteRequest> writes = batch.stream()
                .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                .toList();
        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
        for (int attempt = 0; attempt < ATTEMPTS && !pending.isEmpty(); attempt++) {
            Map<String, List<WriteRequest>> request = pending;
            pending = client.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
        }
        assertTrue(pending.isEmpty(), "a batch still unprocessed after " + ATTEMPTS + " requests");
    }
}
