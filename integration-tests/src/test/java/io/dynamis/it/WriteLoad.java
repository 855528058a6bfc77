package io.dynamis.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A concurrent PutItem load through the gateway that remembers exactly which writes were
 * acknowledged. Thread {@code t} writes items {@code {pk: <prefix>-t-<i mod keysPerThread>, v: i,
 * payload: ...}} for i = 0, 1, 2, ...; each key belongs to one thread, so the order of a key's writes
 * is known. Bounded: at most {@code maxPerThread} writes a thread and {@link #MAX_SECONDS} in all.
 */
final class WriteLoad implements AutoCloseable {

    static final long MAX_SECONDS = 180;

    private final DynamoDbClient client;
    private final String table;
    private final String prefix;
    private final int keysPerThread;
    private final int maxPerThread;
    private final List<Thread> threads = new ArrayList<>();
    /** Per key, the versions acknowledged, in order. */
    private final Map<String, List<Long>> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong acknowledgedCount = new AtomicLong();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean running = true;

    WriteLoad(DynamoDbClient client, String table, String prefix, int threadCount, int keysPerThread, int maxPerThread) {
        this.client = client;
        this.table = table;
        this.prefix = prefix;
        this.keysPerThread = keysPerThread;
        this.maxPerThread = maxPerThread;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            Thread worker = new Thread(() -> write(thread, deadline), "write-load-" + t);
            worker.setDaemon(true);
            threads.add(worker);
        }
        threads.forEach(Thread::start);
    }

    static String payload(String pk, long version) {
        return "payload-of-" + pk + "-version-" + version + "-" + "x".repeat(64);
    }

    private void write(int thread, long deadline) {
        for (long i = 0; i < maxPerThread && running && System.nanoTime() < deadline; i++) {
            String pk = prefix + "-" + thread + "-" + (i % keysPerThread);
            long version = i;
            try {
                client.putItem(b -> b.tableName(table).item(Map.of(
                        "pk", AttributeValue.fromS(pk),
                        "v", AttributeValue.fromN(Long.toString(version)),
                        "payload", AttributeValue.fromS(payload(pk, version)))));
                acknowledged.computeIfAbsent(pk, k -> new ArrayList<>()).add(version);
                acknowledgedCount.incrementAndGet();
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    long acknowledgedCount() {
        return acknowledgedCount.get();
    }

    int failures() {
        return failures.get();
    }

    /** Per key, the versions acknowledged, in order (read after {@link #close()}). */
    Map<String, List<Long>> acknowledged() {
        return acknowledged;
    }

    /** Stops the writers and waits for them. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
