package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * What operators scrape and probe on every service: MicroProfile Health's answers (SmallRye Health) with
 * each service's own checks, and Prometheus metrics under the names the docs and dashboards use.
 */
@ExtendWith(StackExtension.class)
@OwnStackOnly
class ObservabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Metric names each service exports (docs/architecture.md, docs/benchmarks.md, k8s/), which must never change. */
    private static final Map<String, List<String>> METRICS = Map.of(
            "api-gateway", List.of("dynamis_accelerator_gateway_hits_total", "dynamis_accelerator_gateway_passes_total",
                    "dynamis_accelerator_gateway_connected", "dynamis_accelerator_gateway_near_cache_entries"),
            "item-service", List.of("dynamis_write_latency_seconds_count", "dynamis_write_latency_seconds_max",
                    "dynamis_commit_fsync_seconds_count", "dynamis_commit_batch_size_count",
                    "dynamis_store_checkpoint_seconds_count", "dynamis_ttl_items_deleted_total",
                    "dynamis_ttl_items_examined_total", "dynamis_ttl_sweep_seconds_count", "dynamis_ttl_last_sweep_timestamp"),
            "query-service", List.of("dynamis_gsi_purged_entries_total", "dynamis_changelog_consumer_lag_records",
                    "dynamis_changelog_consumer_lag_seconds"),
            "cache-service", List.of("dynamis_cache_requests_total", "dynamis_cache_entries", "dynamis_cache_memory_bytes",
                    "dynamis_cache_evictions", "dynamis_cache_expirations", "dynamis_cache_invalidations_total",
                    "dynamis_cache_invalidation_lag_seconds_count"),
            "backup-service", List.of("dynamis_changelog_consumer_lag_records"));

    private final DynamisStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ObservabilityIT(DynamisStack stack) {
        this.stack = stack;
    }

    /** A table written and read (also through the accelerator), so every service has done its work once. */
    @BeforeAll
    static void work(DynamisStack stack) {
        try (DynamoDbClient client = stack.client(); DynamoDbClient accelerator = stack.acceleratorClient()) {
            String table = Tables.createHashTable(client, "observability", ScalarAttributeType.S);
            client.putItem(b -> b.tableName(table).item(Items.item("pk", Items.s("a"), "v", Items.n(1))));
            accelerator.getItem(b -> b.tableName(table).key(Map.of("pk", Items.s("a"))));
        }
    }

    /** The body of a service's 200 answer to {@code GET path}, of that content type. */
    private String ok(String service, String path, String contentType) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + stack.port(service) + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), service + path);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(contentType), service + path);
        return response.body();
    }

    private static Set<String> checks(JsonNode health) {
        Set<String> up = new HashSet<>();
        for (JsonNode check : health.path("checks")) {
            assertEquals("UP", check.path("status").asText(), check.toString());
            up.add(check.path("name").asText());
        }
        return up;
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-gateway", "item-service", "query-service", "cache-service", "backup-service"})
    void healthAnswersInMicroProfileHealthsShapeWithTheServicesOwnChecks(String service) throws Exception {
        String live = ok(service, "/q/health/live", "application/json");
        JsonNode liveness = JSON.readTree(live);
        assertEquals("UP", liveness.path("status").asText());
        // the process itself, and its store files (DOWN once one closed itself after a failed write)
        assertEquals(Set.of(stack.serviceLabel(service), "store-files"), checks(liveness), live);

        String ready = ok(service, "/q/health/ready", "application/json");
        Set<String> readiness = checks(JSON.readTree(ready));
        assertTrue(readiness.contains(stack.serviceLabel(service)), ready);
        assertTrue(readiness.contains("store-files"), ready);
        // the Hazelcast member is part of cache-service's readiness, and of no other service's
        boolean playsCache = service.equals("cache-service") || stack.topology() == DynamisStack.Topology.ONE;
        assertEquals(playsCache, readiness.contains("hazelcast-member"), ready);
        // item-service once it holds its slots, query-service once it reached every shard, the gateway once its slot
        // map is the cluster's: each service's own, all of them in one process
        boolean one = stack.topology() == DynamisStack.Topology.ONE;
        assertEquals(one || service.equals("item-service"), readiness.contains("item-shard"), ready);
        assertEquals(one || service.equals("query-service"), readiness.contains("item-service-shards"), ready);
        assertEquals(one || service.equals("api-gateway"), readiness.contains("slot-map"), ready);

        String all = ok(service, "/q/health", "application/json");
        assertEquals(readiness, checks(JSON.readTree(all)), all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-gateway", "item-service", "query-service", "cache-service", "backup-service"})
    void metricsKeepTheirPrometheusNamesAndServiceLabel(String service) throws Exception {
        String metrics = ok(service, "/q/metrics", "text/plain");
        Set<String> names = new HashSet<>();
        for (String line : metrics.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
                assertTrue(line.contains("service=\"" + stack.serviceLabel(service) + "\""), line);
            }
        }
        for (String name : METRICS.get(service)) {
            assertTrue(names.contains(name), service + " exports " + name);
        }
        for (String name : List.of("jvm_memory_used_bytes", "jvm_gc_pause_seconds_count", "jvm_threads_live_threads",
                "process_cpu_usage", "process_uptime_seconds", "system_cpu_count")) {
            assertTrue(names.contains(name), service + " exports " + name);
        }
        // no timer per HTTP request on the DynamoDB path
        assertFalse(names.stream().anyMatch(n -> n.startsWith("http_server_requests")), names.toString());
    }
}
