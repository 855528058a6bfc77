package io.dynamis.core.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Enforcement as a client sees it: DynamoDB's exceptions, index back-pressure, UpdateTable at once, metrics. */
class CapacityGuardTest {

    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/";
    private static final PrimaryKeySchema KEY = new PrimaryKeySchema(new KeyAttribute("pk", AttributeValue.Type.S), null);

    private final AtomicLong clock = new AtomicLong();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CapacityGuard guard = new CapacityGuard(true, clock::get, new CapacityMetrics(registry), ARN);

    private static TableDefinition provisioned(long read, long write, IndexDefinition... indexes) {
        return new TableDefinition("Music", "id-1", 1, 0, KEY, List.of(), TableDefinition.PROVISIONED, read, write,
                "ACTIVE", Json.object(), List.of(indexes));
    }

    private static TableDefinition onDemand(ObjectNode extra) {
        return new TableDefinition("Music", "id-1", 1, 0, KEY, List.of(), TableDefinition.PAY_PER_REQUEST, 0, 0,
                "ACTIVE", extra, List.of());
    }

    private static IndexDefinition gsi(String name, long read, long write) {
        return new IndexDefinition(name, true, KEY, IndexDefinition.ALL, List.of(), read, write, "ACTIVE");
    }

    @Test
    void aThrottledWriteIsDynamoDbsProvisionedThroughputExceededException() {
        TableDefinition table = provisioned(5, 2);
        guard.admitWrite(table, 1, 1, "PutItem").settle(1);
        guard.admitWrite(table, 1, 1, "PutItem").settle(1);
        ApiError error = assertThrows(ApiError.class, () -> guard.admitWrite(table, 1, 1, "PutItem"));
        ObjectNode body = error.toJson();
        assertEquals("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", body.get("__type").asText());
        assertEquals("The level of configured provisioned throughput for the table was exceeded. Consider increasing"
                + " your provisioning level with the UpdateTable API.", body.get("message").asText());
        assertEquals("TableWriteProvisionedThroughputExceeded", body.at("/ThrottlingReasons/0/reason").asText());
        assertEquals(ARN + "Music", body.at("/ThrottlingReasons/0/resource").asText());
        assertEquals(400, error.status());
    }

    @Test
    void eachOfTwoShardsHoldsHalfTheTablesWritesAndAllOfItsIndexReads() {
        CapacityGuard shard = new CapacityGuard(true, clock::get, new CapacityMetrics(registry), ARN, 2);
        TableDefinition table = provisioned(5, 4, gsi("byArtist", 2, 100));
        shard.admitWrite(table, 1, 1, "PutItem").settle(1);
        shard.admitWrite(table, 1, 1, "PutItem").settle(1);
        assertThrows(ApiError.class, () -> shard.admitWrite(table, 1, 1, "PutItem"), "half of 4 WCU: the third write of the second");
        guard.admitWrite(table, 1, 1, "PutItem").settle(1);
        guard.admitWrite(table, 1, 1, "PutItem").settle(1);
        guard.admitWrite(table, 1, 1, "PutItem").settle(1); // one shard alone holds all 4
        shard.admitRead(table, "byArtist", 1, 1, "Query").settle(1);
        shard.admitRead(table, "byArtist", 1, 1, "Query").settle(1); // the index's reads: query-service holds all 2 RCU
    }

    @Test
    void aGlobalIndexOutOfWriteCapacityThrottlesWritesToItsTable() {
        TableDefinition table = provisioned(100, 100, gsi("ByArtist", 5, 1));
        guard.admitWrite(table, 1, 1, "PutItem").settle(1, index -> 0); // an item not in the index costs it nothing
        guard.admitWrite(table, 1, 1, "PutItem").settle(1, index -> 1);
        ApiError error = assertThrows(ApiError.class, () -> guard.admitWrite(table, 2, 1, "PutItem"));
        ObjectNode body = error.toJson();
        assertEquals("ProvisionedThroughputExceededException", error.code().errorName());
        assertEquals("The level of configured provisioned throughput for one or more global secondary indexes of the"
                + " table was exceeded. Consider increasing your provisioning level for the under-provisioned global"
                + " secondary indexes with the UpdateTable API", body.get("message").asText());
        assertEquals("IndexWriteProvisionedThroughputExceeded", body.at("/ThrottlingReasons/0/reason").asText());
        assertEquals(ARN + "Music/index/ByArtist", body.at("/ThrottlingReasons/0/resource").asText());
        // the table's units taken for the refused write were given back: 99 more writes fit once the index has room
        clock.addAndGet(100 * 1_000_000_000L);
        for (int i = 0; i < 98; i++) {
            guard.admitWrite(table, i, 1, "PutItem").settle(1);
        }
    }

    @Test
    void aGlobalIndexsOwnOnDemandMaximumThrottlesWritesToItsTable() {
        ObjectNode extra = Json.object();
        TableThroughput.setIndexOnDemand(extra, "ByArtist", Json.object().put("MaxWriteRequestUnits", 2));
        TableDefinition table = new TableDefinition("Music", "id-1", 1, 0, KEY, List.of(), TableDefinition.PAY_PER_REQUEST,
                0, 0, "ACTIVE", extra, List.of(gsi("ByArtist", 0, 0)));
        guard.admitWrite(table, 1, 1, "PutItem").settle(1, index -> 1);
        guard.admitWrite(table, 2, 1, "PutItem").settle(1, index -> 1);
        ApiError error = assertThrows(ApiError.class, () -> guard.admitWrite(table, 3, 1, "PutItem"));
        assertEquals("ThrottlingException", error.code().errorName());
        assertEquals("Throughput exceeds the maximum OnDemandThroughput configured on table or index",
                error.toJson().get("message").asText());
        assertEquals("IndexWriteMaxOnDemandThroughputExceeded", error.toJson().at("/ThrottlingReasons/0/reason").asText());
        assertEquals(ARN + "Music/index/ByArtist", error.toJson().at("/ThrottlingReasons/0/resource").asText());
    }

    @Test
    void aThrottledRequestCountsOnceAndEachThrottledEventOnItsOwnResource() {
        TableDefinition table = provisioned(100, 100, gsi("ByArtist", 5, 1));
        guard.admitWrite(table, 1, 1, "PutItem").settle(1, index -> 1);
        assertThrows(ApiError.class, () -> guard.admitWrite(table, 2, 1, "PutItem")); // the index is out
        assertEquals(1.0, throttled("", "ThrottledRequests", "PutItem"), "one request, on the table");
        assertEquals(0.0, throttled("", "WriteThrottleEvents", "PutItem"), "the table's own write was not throttled");
        assertEquals(1.0, throttled("ByArtist", "WriteThrottleEvents", "PutItem"), "the index's write was");

        // a batch's items are events; the batch is one throttled request only when every item was refused
        assertThrows(ApiError.class, () -> guard.admitWrite(table, 3, 1, "BatchWriteItem", true));
        assertThrows(ApiError.class, () -> guard.admitWrite(table, 4, 1, "BatchWriteItem", true));
        assertEquals(2.0, throttled("ByArtist", "WriteThrottleEvents", "BatchWriteItem"));
        assertEquals(0.0, throttled("", "ThrottledRequests", "BatchWriteItem"));
        guard.throttledRequest(table, false, "BatchWriteItem");
        assertEquals(1.0, throttled("", "ThrottledRequests", "BatchWriteItem"));
    }

    private double throttled(String index, String metric, String operation) {
        io.micrometer.core.instrument.Counter counter = registry.find("dynamis.capacity.throttled")
                .tags("table", "Music", "index", index, "metric", metric, "operation", operation).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void readsOfAGlobalIndexAreHeldToTheIndexsReadCapacity() {
        TableDefinition table = provisioned(100, 100, gsi("ByArtist", 1, 5));
        guard.admitRead(table, "ByArtist", 4, 1, "Query").settle(1);
        ApiError error = assertThrows(ApiError.class, () -> guard.admitRead(table, "ByArtist", 4, 1, "Query"));
        assertEquals("IndexReadProvisionedThroughputExceeded", error.toJson().at("/ThrottlingReasons/0/reason").asText());
        guard.admitRead(table, null, 4, 1, "Query").settle(1); // the table's own reads are another budget
    }

    @Test
    void updateTableCapacityAppliesToTheNextRequest() {
        TableDefinition table = provisioned(5, 1);
        guard.admitWrite(table, 1, 1, "PutItem").settle(1);
        assertThrows(ApiError.class, () -> guard.admitWrite(table, 1, 1, "PutItem"));
        TableDefinition raised = table.withCapacity(TableDefinition.PROVISIONED, 5, 50);
        for (int i = 0; i < 50; i++) {
            guard.admitWrite(raised, 1, 1, "PutItem").settle(1);
        }
        assertThrows(ApiError.class, () -> guard.admitWrite(raised, 1, 1, "PutItem"));
    }

    @Test
    void anOnDemandTableOverItsMaximumGetsThrottlingException() {
        ObjectNode extra = Json.object();
        extra.putObject("OnDemandThroughput").put("MaxReadRequestUnits", -1).put("MaxWriteRequestUnits", 50);
        TableDefinition table = onDemand(extra);
        for (int i = 0; i < 50; i++) {
            guard.admitWrite(table, i, 1, "PutItem").settle(1);
        }
        ApiError error = assertThrows(ApiError.class, () -> guard.admitWrite(table, 7, 1, "BatchWriteItem"));
        ObjectNode body = error.toJson();
        assertEquals("com.amazon.coral.availability#ThrottlingException", body.get("__type").asText());
        assertEquals("Throughput exceeds the maximum OnDemandThroughput configured on table or index",
                body.get("message").asText());
        assertEquals("TableWriteMaxOnDemandThroughputExceeded", body.at("/ThrottlingReasons/0/reason").asText());
        guard.admitRead(table, null, 7, 1, "GetItem").settle(1); // no read maximum (-1)
    }

    @Test
    void metricsCarryDynamoDbsCloudWatchNames() {
        TableDefinition table = provisioned(5, 1);
        guard.admitWrite(table, 1, 1, "PutItem").settle(1);
        guard.admitRead(table, null, 1, 1, "GetItem").settle(0.5);
        assertThrows(ApiError.class, () -> guard.admitWrite(table, 1, 1, "UpdateItem"));
        assertEquals(1.0, registry.get("dynamis.capacity.consumed").tags("table", "Music", "metric",
                "ConsumedWriteCapacityUnits").counter().count());
        assertEquals(0.5, registry.get("dynamis.capacity.consumed").tags("table", "Music", "metric",
                "ConsumedReadCapacityUnits").counter().count());
        assertEquals(5.0, registry.get("dynamis.capacity.provisioned").tags("table", "Music", "metric",
                "ProvisionedReadCapacityUnits").gauge().value());
        assertEquals(1.0, registry.get("dynamis.capacity.throttled").tags("table", "Music", "metric",
                "ThrottledRequests", "operation", "UpdateItem").counter().count());
        assertEquals(1.0, registry.get("dynamis.capacity.throttled").tags("metric", "WriteThrottleEvents").counter()
                .count());
    }

    @Test
    void withEnforcementOffNothingIsEverRefused() {
        CapacityGuard off = new CapacityGuard(false, clock::get, new CapacityMetrics(registry), ARN);
        TableDefinition table = provisioned(1, 1);
        for (int i = 0; i < 1_000; i++) {
            off.admitWrite(table, 1, 400, "PutItem").settle(400);
        }
        assertTrue(registry.find("dynamis.capacity.consumed").counters().isEmpty());
    }
}
