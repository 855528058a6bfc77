package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Two cache-service members share one Hazelcast cluster: an entry cached through one is a hit through
 * the other, and when the member the gateway talks to stops, the accelerator keeps answering (the
 * gateway fails over to the other member, which still holds the entries).
 */
@OwnStackOnly
@ServicesTopologyOnly
@ExtendWith(StackExtension.class)
class AcceleratorClusterIT {

    private static final long START_TIMEOUT_MILLIS = 120_000;

    private final DynamisStack stack;
    private final DynamoDbClient direct;
    private final DynamoDbClient accelerator;

    AcceleratorClusterIT(DynamisStack stack) {
        this.stack = stack;
        this.direct = stack.client();
        this.accelerator = stack.acceleratorClient();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    @Test
    void membersShareTheCacheAndTheAcceleratorSurvivesOneLeaving() throws Exception {
        Process second = stack.startCacheMember();
        try {
            awaitMembers(stack.secondCachePort(), 2);
            assertEquals(2, CacheStats.of(stack.port("cache-service")).clusterMembers());
            String table = Tables.createHashTable(direct, "acc-cluster", ScalarAttributeType.S);
            long applied = CacheStats.of(stack.port("cache-service")).invalidationsApplied();
            for (int i = 0; i < 20; i++) {
                String pk = "k" + i;
                direct.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk),
                        "v", AttributeValue.fromS("value-" + pk))));
            }
            awaitApplied(stack.port("cache-service"), applied + 20);
            for (int i = 0; i < 20; i++) {
                String pk = "k" + i;
                accelerator.getItem(b -> b.tableName(table).key(key(pk))); // cached through the first member
            }

            // the second member, asked directly (as a gateway configured with it first would), hits
            CacheStats before = CacheStats.of(stack.secondCachePort());
            try (DynamoDbClient secondMember = stack.client(URI.create("http://127.0.0.1:" + stack.secondCachePort()))) {
                for (int i = 0; i < 20; i++) {
                    String pk = "k" + i;
                    assertEquals(AttributeValue.fromS("value-" + pk),
                            secondMember.getItem(b -> b.tableName(table).key(key(pk))).item().get("v"));
                }
            }
            CacheStats after = CacheStats.of(stack.secondCachePort());
            assertEquals(20, after.item("hits") - before.item("hits"));
            assertEquals(0, after.item("misses") - before.item("misses"));

            // the first member stops: the gateway fails over, and the entries are still there (the
            // gateway's near cache fetches again the entries whose partitions moved: a lost entry would be
            // a miss at the survivor)
            stack.stop("cache-service");
            CacheStats survivor = CacheStats.of(stack.secondCachePort());
            CacheStats total = CacheStats.accelerator(stack);
            for (int i = 0; i < 20; i++) {
                String pk = "k" + i;
                assertEquals(AttributeValue.fromS("value-" + pk),
                        accelerator.getItem(b -> b.tableName(table).key(key(pk))).item().get("v"));
            }
            accelerator.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("k0"),
                    "v", AttributeValue.fromS("written with one member"))));
            assertEquals(AttributeValue.fromS("written with one member"),
                    accelerator.getItem(b -> b.tableName(table).key(key("k0"))).item().get("v"));
            CacheStats afterFailover = CacheStats.of(stack.secondCachePort());
            assertEquals(0, afterFailover.item("misses") - survivor.item("misses"),
                    "entries cached through the stopped member were lost");
            assertEquals(21, CacheStats.accelerator(stack).item("hits") - total.item("hits"));
            assertEquals(1, afterFailover.clusterMembers());
        } finally {
            stack.start(); // the first member again
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
        }
        // with the second member gone, the gateway returns to the first
        String table = Tables.createHashTable(direct, "acc-cluster-back", ScalarAttributeType.S);
        direct.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("a"))));
        assertEquals(Map.of("pk", AttributeValue.fromS("a")), accelerator.getItem(b -> b.tableName(table).key(key("a"))).item());
    }

    /**
     * While the gateway is cut off from the cache cluster it is told of no change, so its near cache
     * answers nothing: with the only member stopped the accelerator answers 503 (SDKs retry), and once a
     * member is back a write made meanwhile through :8000 shows, never the value cached before.
     */
    @Test
    void theGatewaysNearCacheServesNothingWhileCutOffFromTheCluster() throws Exception {
        String table = Tables.createHashTable(direct, "acc-cutoff", ScalarAttributeType.S);
        long applied = CacheStats.of(stack.port("cache-service")).invalidationsApplied();
        direct.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("a"), "v", AttributeValue.fromS("before"))));
        awaitApplied(stack.port("cache-service"), applied + 1);
        long gatewayHits = CacheStats.accelerator(stack).gatewayHits();
        for (int i = 0; i < 2; i++) {
            assertEquals(AttributeValue.fromS("before"), accelerator.getItem(b -> b.tableName(table).key(key("a"))).item().get("v"));
        }
        assertEquals(gatewayHits + 1, CacheStats.accelerator(stack).gatewayHits(), "the gateway did not answer the second read");
        stack.stop("cache-service");
        try {
            direct.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("a"), "v", AttributeValue.fromS("after"))));
            DynamoDbException refused = assertThrows(DynamoDbException.class,
                    () -> accelerator.getItem(b -> b.tableName(table).key(key("a"))));
            assertEquals(503, refused.statusCode(), refused.getMessage());
        } finally {
            stack.start();
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        AttributeValue seen = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                seen = accelerator.getItem(b -> b.tableName(table).key(key("a"))).item().get("v");
                break;
            } catch (DynamoDbException notYet) {
                Thread.sleep(200); // the gateway reconnects to the new member
            }
        }
        assertEquals(AttributeValue.fromS("after"), seen, "the near cache served what it held before it was cut off");
    }

    private static void awaitMembers(int port, long members) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (true) {
            try {
                if (CacheStats.of(port).clusterMembers() == members) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not answering yet
            }
            assertTrue(System.currentTimeMillis() < deadline, "the second cache-service member did not join in time");
            Thread.sleep(200);
        }
    }

    private static void awaitApplied(int port, long applied) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (CacheStats.of(port).invalidationsApplied() < applied) {
            assertTrue(System.currentTimeMillis() < deadline, "the change log did not reach cache-service");
            Thread.sleep(20);
        }
    }
}
