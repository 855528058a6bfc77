package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Every acknowledged write survives kill -9 of item-service in the middle of a concurrent write load
 * through the gateway, whenever the kill lands.
 */
@ExtendWith(StackExtension.class)
@OwnStackOnly
class CrashRecoveryIT {

    private static final int THREADS = 8;

    private final DynamisStack stack;

    CrashRecoveryIT(DynamisStack stack) {
        this.stack = stack;
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNineOfItemServiceUnderLoad() throws Exception {
        long[] killAfterMillis = {700, 1900, 3100};
        try (DynamoDbClient client = stack.client()) {
            String table = Tables.createHashTable(client, "crash", ScalarAttributeType.S);
            for (int round = 0; round < killAfterMillis.length; round++) {
                WriteLoad load = new WriteLoad(client, table, "r" + round, THREADS, Integer.MAX_VALUE, 100_000);
                long started = System.nanoTime();
                while (load.acknowledgedCount() == 0 && System.nanoTime() - started < 30_000_000_000L) {
                    Thread.sleep(10); // a busy machine may take a moment to acknowledge the first write
                }
                Thread.sleep(killAfterMillis[round]); // when the kill lands: the variable of each round
                long acknowledgedBeforeKill = load.acknowledgedCount();
                try {
                    try {
                        stack.kill("item-service");
                    } finally {
                        stack.start(); // returns once item-service answers its health check again
                    }
                    long acknowledgedAfterRestart = load.acknowledgedCount();
                    awaitAcknowledged(load, acknowledgedAfterRestart + 100); // writes resumed, not merely one failed
                } finally {
                    load.close();
                }

                assertTrue(acknowledgedBeforeKill > 0, "the load was running when item-service was killed");
                int checked = verifyAll(client, table, load.acknowledged());
                assertEquals(load.acknowledgedCount(), checked);
                System.out.printf("round %d: kill after %d ms, %d writes acknowledged (%d before the kill), "
                        + "%d failed around the crash, all present and intact%n", round, killAfterMillis[round],
                        load.acknowledgedCount(), acknowledgedBeforeKill, load.failures());
            }
        }
    }

    /**
     * A process out of heap exits, to be restarted with its redo log, rather than keep answering errors from
     * a store that an OutOfMemoryError closed: every Dynamis JVM the launcher started runs with
     * {@code -XX:+ExitOnOutOfMemoryError} (the broker is Kafka's own).
     */
    @Test
    void everyDynamisProcessExitsOnOutOfMemoryError() throws Exception {
        assumeFalse(stack.isExternal(), "no processes of ours at an external endpoint");
        Path run = stack.dataDir().resolve("run");
        List<String> checked = new ArrayList<>();
        try (var pidFiles = Files.list(run)) {
            for (Path pidFile : pidFiles.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
                String name = pidFile.getFileName().toString().replace(".pid", "");
                if (name.equals("kafka")) {
                    continue;
                }
                List<String> arguments = arguments(name);
                if (arguments.isEmpty()) {
                    continue; // a stale file of a process not running now
                }
                assertTrue(arguments.contains("-XX:+ExitOnOutOfMemoryError"), name + " runs " + arguments);
                checked.add(name);
            }
        }
        assertTrue(checked.contains(stack.processOf("item-service")), "checked " + checked);
    }

    /**
     * The services that mostly follow the change log (query-service, cache-service, backup-service) run C1
     * only by default: with C2 they spent more CPU compiling the consumer's path, when writes first arrive,
     * than their work took (docs/operations.md, "JVM options of the services"); the gateway and item-service
     * keep C2, whose code costs them 2-3x less once warm.
     */
    @Test
    void changeLogFollowersRunC1OnlyAndTheRequestPathC2() throws Exception {
        assumeFalse(stack.isExternal(), "no processes of ours at an external endpoint");
        assumeTrue(stack.topology() == DynamisStack.Topology.SERVICES,
                "the one process keeps C2 for every role");
        for (String follower : List.of("query-service", "cache-service", "backup-service")) {
            List<String> arguments = arguments(stack.processOf(follower));
            assertTrue(arguments.contains("-XX:TieredStopAtLevel=1"), follower + " runs " + arguments);
        }
        for (String requestPath : List.of("api-gateway", "item-service")) {
            List<String> arguments = arguments(stack.processOf(requestPath));
            assertTrue(!arguments.isEmpty() && arguments.stream().noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel")),
                    requestPath + " runs " + arguments);
        }
    }

    /** The command line of a process the launcher started (by its name in ./dynamis status); empty if not running. */
    private List<String> arguments(String process) throws IOException {
        Path pidFile = stack.dataDir().resolve("run").resolve(process + ".pid");
        if (!Files.exists(pidFile)) {
            return List.of();
        }
        Path cmdline = Path.of("/proc", Files.readString(pidFile).trim(), "cmdline");
        if (!Files.exists(cmdline)) {
            return List.of();
        }
        return List.of(Files.readString(cmdline).split("\u0000"));
    }

    /** Waits until the load has acknowledged {@code count} writes in all (item-service is back and answers them). */
    private static void awaitAcknowledged(WriteLoad load, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (load.acknowledgedCount() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("writes did not resume after the restart: " + load.acknowledgedCount() + " of "
                        + count + " acknowledged, " + load.failures() + " failed");
            }
            Thread.sleep(20);
        }
    }

    /** Reads back every acknowledged item (each key was written once) and compares it whole. */
    private int verifyAll(DynamoDbClient client, String table, Map<String, List<Long>> acknowledged) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> checks = new ArrayList<>();
            for (Map.Entry<String, List<Long>> entry : acknowledged.entrySet()) {
                checks.add(pool.submit(() -> {
                    String pk = entry.getKey();
                    long version = entry.getValue().get(entry.getValue().size() - 1);
                    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
                            .key(Map.of("pk", AttributeValue.fromS(pk)))).item();
                    assertEquals(Map.of("pk", AttributeValue.fromS(pk),
                            "v", AttributeValue.fromN(Long.toString(version)),
                            "payload", AttributeValue.fromS(WriteLoad.payload(pk, version))), item,
                            "acknowledged item " + pk);
                    return entry.getValue().size();
                }));
            }
            int total = 0;
            for (Future<Integer> check : checks) {
                total += check.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
