package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Provisioned capacity and on-demand limits enforced as DynamoDB enforces them, on a stack of its own
 * started with {@code DYNAMIS_CAPACITY_ENFORCE=true} (the shared stack keeps DynamoDB Local's behaviour:
 * nothing is ever throttled). Driven with the AWS SDK for Java v2: once without retries, to see each
 * throttling exception as DynamoDB sends it, and with the SDK's standard retry strategy, which backs off
 * until every write has landed, once.
 */
@OwnStackOnly
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapacityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/";

    private DynamisStack stack;
    private DynamoDbClient retrying;
    private DynamoDbClient once;

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(System.getProperty("dynamis.it.endpoint", "").isBlank(), "needs a stack of its own");
        stack = DynamisStack.ownStack("capacity", Map.of("DYNAMIS_CAPACITY_ENFORCE", "true"));
        stack.stop();
        stack.start();
        retrying = client(true);
        once = client(false);
    }

    @AfterAll
    void stop() {
        if (retrying != null) {
            retrying.close();
            once.close();
        }
        if (stack != null) {
            stack.stop();
        }
    }

    /**
     * A client with the SDK's standard retry strategy (exponential backoff with jitter, a slower base delay
     * for throttling errors; 10 attempts, as an application facing throttling would configure it), or one
     * that never retries.
     */
    private DynamoDbClient client(boolean retries) {
        return DynamoDbClient.builder().endpointOverride(stack.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(stack.credentials()))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> {
                    if (retries) {
                        o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(10).build());
                    } else {
                        o.retryStrategy(AwsRetryStrategy.doNotRetry());
                    }
                })
                .build();
    }

    private String provisionedTable(String prefix, long read, long write, boolean sortKey) {
        String name = Tables.uniqueName(prefix);
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(read).writeCapacityUnits(write)
                        .build());
        if (sortKey) {
            request.keySchema(Tables.key("pk", KeyType.HASH), Tables.key("sk", KeyType.RANGE))
                    .attributeDefinitions(Tables.attribute("pk", ScalarAttributeType.S),
                            Tables.attribute("sk", ScalarAttributeType.N));
        } else {
            request.keySchema(Tables.key("pk", KeyType.HASH))
                    .attributeDefinitions(Tables.attribute("pk", ScalarAttributeType.S));
        }
        once.createTable(request.build());
        return name;
    }

    /** Adds 1 to the item's counter {@code n}: an item written twice would show 2. */
    private static void increment(DynamoDbClient client, String table, String pk) {
        client.updateItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk)))
                .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    }

    /**
     * {@code count} increments of new items from 3 threads through the retrying client (each lands however
     * often it is throttled first); answers the seconds they took.
     */
    private double retriedIncrements(String table, String prefix, int count) throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String pk = prefix + i;
                writes.add(pool.submit(() -> increment(retrying, table, pk)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** The ThrottlingReasons of a throttling exception, as DynamoDB's body carries them. */
    private static JsonNode reason(AwsServiceException e) throws Exception {
        return JSON.readTree(e.awsErrorDetails().rawResponse().asUtf8String()).path("ThrottlingReasons").path(0);
    }

    /** Writes without retries until the first throttling exception (at most {@code bound} writes). */
    private static int writesUntilThrottled(DynamoDbClient client, String table, String prefix, int bound,
            AwsServiceException[] thrown) {
        return writesUntilThrottled(pk -> increment(client, table, pk), prefix, bound, thrown);
    }

    private static int writesUntilThrottled(java.util.function.Consumer<String> write, String prefix, int bound,
            AwsServiceException[] thrown) {
        for (int i = 0; i < bound; i++) {
            try {
                write.accept(prefix + i);
            } catch (AwsServiceException e) {
                thrown[0] = e;
                return i;
            }
        }
        return bound;
    }

    @Test
    void aTenWcuTableTakesABurstThenIsThrottledAndRetriedWritesLandExactlyOnce() throws Exception {
        String table = provisionedTable("cap-burst", 10, 10, false);
        // 4 KB items, 4 units each: the table's one second of capacity (10 units) goes at once, the bucket runs
        // into debt, and the next write is refused, on any machine doing more than 2.5 writes a second
        String payload = "x".repeat(4 * 1024 - 100);
        AwsServiceException[] thrown = new AwsServiceException[1];
        int burst = writesUntilThrottled(pk -> once.putItem(b -> b.tableName(table).item(Map.of("pk",
                AttributeValue.fromS(pk), "v", AttributeValue.fromS(payload)))), "burst-", 200, thrown);
        assertTrue(burst >= 3 && burst < 200, "one second of capacity goes at once, then throttling: " + burst);
        ProvisionedThroughputExceededException e = (ProvisionedThroughputExceededException) thrown[0];
        assertEquals("ProvisionedThroughputExceededException", e.awsErrorDetails().errorCode());
        assertEquals("The level of configured provisioned throughput for the table was exceeded. Consider increasing"
                + " your provisioning level with the UpdateTable API.", e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
        assertEquals("TableWriteProvisionedThroughputExceeded", reason(e).path("reason").asText());
        assertEquals(ARN + table, reason(e).path("resource").asText());

        // 25 writes from 3 threads at 10 WCU: the SDK backs off on each throttle until its write lands
        double seconds = retriedIncrements(table, "retried-", 25);
        assertTrue(seconds >= 1.5, "25 write units at 10 a second cannot all land at once: " + seconds + " s");
        for (int i = 0; i < 25; i++) {
            String pk = "retried-" + i;
            Map<String, AttributeValue> item = retrying.getItem(b -> b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true)).item();
            assertEquals("1", item.get("n").n(), "written exactly once: " + pk);
        }
        assertTrue(metric(table, "ThrottledRequests", "UpdateItem") >= 2,
                "the retried writes were throttled first (ThrottledRequests)");
        assertTrue(metric(table, "ConsumedWriteCapacityUnits", null) >= 4 * burst + 25);
    }

    @Test
    void aHotPartitionGetsTheTablesUnusedCapacityUpToThePartitionMaximum() throws Exception {
        // 1,500 WCU: two partitions, an even share of 750 write units a second each
        String table = provisionedTable("cap-hot", 1, 1_500, true);
        double consumed = 0;
        for (int batch = 0; batch < 40; batch++) {
            List<WriteRequest> puts = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                        "pk", AttributeValue.fromS("hot"), "sk", AttributeValue.fromN(String.valueOf(batch * 25 + i))))
                        .build()).build());
            }
            var answer = once.batchWriteItem(b -> b.requestItems(Map.of(table, puts))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            assertTrue(answer.unprocessedItems().isEmpty(), "batch " + batch + " left items unprocessed");
            consumed += answer.consumedCapacity().get(0).capacityUnits();
        }
        assertEquals(1_000.0, consumed, "1,000 write units into one partition, more than its even share, at once");

        // the partition maximum (1,000 WCU) holds even though the table has more: 400 KB items into the hot key
        String big = "x".repeat(399 * 1024);
        AwsServiceException throttled = null;
        for (int i = 0; i < 12 && throttled == null; i++) {
            int sk = 10_000 + i;
            try {
                once.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("hot"),
                        "sk", AttributeValue.fromN(String.valueOf(sk)), "v", AttributeValue.fromS(big))));
            } catch (AwsServiceException e) {
                throttled = e;
            }
        }
        assertNotNull(throttled, "the hot partition was held to its maximum");
        assertEquals("TableWriteKeyRangeThroughputExceeded", reason(throttled).path("reason").asText());
    }

    @Test
    void anOnDemandTableIsHeldToItsMaxWriteRequestUnits() throws Exception {
        String table = Tables.uniqueName("cap-ondemand");
        once.createTable(CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(Tables.key("pk", KeyType.HASH)).attributeDefinitions(Tables.attribute("pk", ScalarAttributeType.S))
                .onDemandThroughput(OnDemandThroughput.builder().maxWriteRequestUnits(50L).build()).build());
        TableDescription described = once.describeTable(b -> b.tableName(table)).table();
        assertEquals(50L, described.onDemandThroughput().maxWriteRequestUnits());
        assertEquals(-1L, described.onDemandThroughput().maxReadRequestUnits());
        assertEquals(12_000L, described.warmThroughput().readUnitsPerSecond());
        assertEquals(4_000L, described.warmThroughput().writeUnitsPerSecond());

        // 10 KB items (10 write units each, one unit taken at admission, the rest settled after): 50 units go at
        // once, then the bucket runs into debt and the next write is refused, however slow this machine is
        String payload = "x".repeat(10 * 1024 - 100);
        AwsServiceException[] thrown = new AwsServiceException[1];
        int first = writesUntilThrottled(pk -> once.putItem(b -> b.tableName(table).item(Map.of("pk",
                AttributeValue.fromS(pk), "n", AttributeValue.fromN("1"), "v", AttributeValue.fromS(payload)))),
                "first-", 200, thrown);
        assertTrue(first >= 5 && first < 200, "50 write units at once, then throttling: " + first + " writes of 10");
        assertEquals("ThrottlingException", thrown[0].awsErrorDetails().errorCode());
        assertEquals("Throughput exceeds the maximum OnDemandThroughput configured on table or index",
                thrown[0].awsErrorDetails().errorMessage());
        assertEquals("TableWriteMaxOnDemandThroughputExceeded", reason(thrown[0]).path("reason").asText());

        double seconds = retriedIncrements(table, "held-", 90);
        assertTrue(seconds >= 1.2, "90 write units at 50 a second: " + seconds + " s");
        var items = retrying.scan(b -> b.tableName(table)).items();
        assertEquals(first + 90, items.size());
        items.forEach(item -> assertEquals("1", item.get("n").n()));

        // raising the maximum applies at once
        once.updateTable(b -> b.tableName(table).onDemandThroughput(OnDemandThroughput.builder()
                .maxWriteRequestUnits(-1L).build()));
        assertEquals(-1L, once.describeTable(b -> b.tableName(table)).table().onDemandThroughput().maxWriteRequestUnits());
        assertEquals(100, writesUntilThrottled(once, table, "free-", 100, thrown));
    }

    /** Writes of new items with index ByG's key g (pk → an item {pk, g: "g-" + pk}). */
    private java.util.function.Consumer<String> indexedPuts(String table) {
        return pk -> once.putItem(b -> b.tableName(table)
                .item(Map.of("pk", AttributeValue.fromS(pk), "g", AttributeValue.fromS("g-" + pk))));
    }

    /** A PROVISIONED table (100 RCU, 1,000 WCU) keyed by pk, with a global index ByG on g of 1 RCU and the given WCU. */
    private void createWithIndexByG(String table, ProjectionType projection, long indexWriteUnits) {
        once.createTable(CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(100L).writeCapacityUnits(1_000L)
                        .build())
                .keySchema(Tables.key("pk", KeyType.HASH))
                .attributeDefinitions(Tables.attribute("pk", ScalarAttributeType.S), Tables.attribute("g", ScalarAttributeType.S))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("ByG").keySchema(Tables.key("g", KeyType.HASH))
                        .projection(Projection.builder().projectionType(projection).build())
                        .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(1L)
                                .writeCapacityUnits(indexWriteUnits).build()).build())
                .build());
    }

    @Test
    void aGlobalIndexIsChargedByWhatItHoldsNotByTheItem() throws Exception {
        String table = Tables.uniqueName("cap-gsi-keys");
        createWithIndexByG(table, ProjectionType.KEYS_ONLY, 10);
        // 5 KB items (5 table units each) whose index entries hold only the keys (1 unit each): the index's 10 units
        // take about 10 of them, not 2
        String payload = "x".repeat(5 * 1024);
        AwsServiceException[] thrown = new AwsServiceException[1];
        int written = writesUntilThrottled(pk -> once.putItem(b -> b.tableName(table).item(Map.of("pk",
                AttributeValue.fromS(pk), "g", AttributeValue.fromS("g-" + pk), "v", AttributeValue.fromS(payload)))),
                "k-", 500, thrown);
        assertTrue(written >= 8 && written < 500, "1 unit per KEYS_ONLY entry: " + written + " writes");
        assertEquals("IndexWriteProvisionedThroughputExceeded", reason(thrown[0]).path("reason").asText());
    }

    @Test
    void aGlobalIndexHasItsOwnOnDemandMaximums() throws Exception {
        String table = Tables.uniqueName("cap-gsi-ondemand");
        once.createTable(CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(Tables.key("pk", KeyType.HASH))
                .attributeDefinitions(Tables.attribute("pk", ScalarAttributeType.S), Tables.attribute("g", ScalarAttributeType.S))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("ByG").keySchema(Tables.key("g", KeyType.HASH))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .onDemandThroughput(OnDemandThroughput.builder().maxWriteRequestUnits(5L).build()).build())
                .build());
        var index = once.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().get(0);
        assertEquals(5L, index.onDemandThroughput().maxWriteRequestUnits());
        assertEquals(-1L, index.onDemandThroughput().maxReadRequestUnits());

        AwsServiceException[] thrown = new AwsServiceException[1];
        java.util.function.Consumer<String> indexed = indexedPuts(table);
        assertEquals(50, writesUntilThrottled(once, table, "not-indexed-", 50, thrown),
                "items without the index key cost the index nothing");
        int written = writesUntilThrottled(indexed, "g-", 500, thrown);
        assertTrue(written >= 5 && written < 500, "the index's 5 write units a second hold the table back: " + written);
        assertEquals("ThrottlingException", thrown[0].awsErrorDetails().errorCode());
        assertEquals("IndexWriteMaxOnDemandThroughputExceeded", reason(thrown[0]).path("reason").asText());
        assertEquals(ARN + table + "/index/ByG", reason(thrown[0]).path("resource").asText());

        // an Update with only OnDemandThroughput merges it with what was kept and applies to the next write
        once.updateTable(b -> b.tableName(table).globalSecondaryIndexUpdates(u -> u.update(g -> g.indexName("ByG")
                .onDemandThroughput(OnDemandThroughput.builder().maxReadRequestUnits(7L).maxWriteRequestUnits(-1L).build()))));
        index = once.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().get(0);
        assertEquals(7L, index.onDemandThroughput().maxReadRequestUnits());
        assertEquals(-1L, index.onDemandThroughput().maxWriteRequestUnits());
        assertEquals(100, writesUntilThrottled(indexed, "after-", 100, thrown));
    }

    @Test
    void aGlobalIndexWithoutWriteCapacityThrottlesWritesToItsTable() throws Exception {
        String table = Tables.uniqueName("cap-gsi");
        createWithIndexByG(table, ProjectionType.ALL, 2);
        AwsServiceException[] thrown = new AwsServiceException[1];
        java.util.function.Consumer<String> indexed = indexedPuts(table);
        assertEquals(50, writesUntilThrottled(once, table, "not-indexed-", 50, thrown),
                "items without the index key cost the index nothing");
        int written = writesUntilThrottled(indexed, "g-", 500, thrown);
        assertTrue(written >= 2 && written < 500, "the index's 2 WCU hold the table's 1,000 back: " + written);
        assertEquals("ProvisionedThroughputExceededException", thrown[0].awsErrorDetails().errorCode());
        assertEquals("IndexWriteProvisionedThroughputExceeded", reason(thrown[0]).path("reason").asText());
        assertEquals(ARN + table + "/index/ByG", reason(thrown[0]).path("resource").asText());

        // UpdateTable's new index throughput applies to the next write
        once.updateTable(b -> b.tableName(table).globalSecondaryIndexUpdates(u -> u.update(g -> g.indexName("ByG")
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(1L).writeCapacityUnits(500L)
                        .build()))));
        assertEquals(100, writesUntilThrottled(indexed, "after-", 100, thrown));
    }

    @Test
    void theAwsCliSeesTheThrottlingExceptionAndItsRetriesLand() throws Exception {
        String aws = ClientToolsIT.awsCliV2();
        ClientToolsIT.requireTool(aws != null, "the AWS CLI v2");
        String table = provisionedTable("cap-cli", 1, 1, false);
        // a 10 KB item on a 1 WCU table: 10 units, so the table owes 9 seconds of capacity
        once.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("big"),
                "v", AttributeValue.fromS("x".repeat(10 * 1024 - 100)))));
        List<String> putItem = List.of(aws, "dynamodb", "--endpoint-url", stack.endpoint().toString(), "--output",
                "json", "put-item", "--table-name", table, "--item", "{\"pk\":{\"S\":\"cli\"}}");
        Map<String, String> noRetries = new java.util.HashMap<>(ClientToolsIT.CLI_ENV);
        noRetries.put("AWS_MAX_ATTEMPTS", "1");
        ClientToolsIT.Result refused = ClientToolsIT.run(java.nio.file.Path.of("."), noRetries, putItem);
        assertTrue(refused.exit() != 0, refused.out());
        assertTrue(refused.err().contains("(ProvisionedThroughputExceededException)") && refused.err().contains(
                "The level of configured provisioned throughput for the table was exceeded"), refused.err());
        Map<String, String> standard = new java.util.HashMap<>(ClientToolsIT.CLI_ENV);
        standard.put("AWS_RETRY_MODE", "standard");
        standard.put("AWS_MAX_ATTEMPTS", "10");
        ClientToolsIT.Result landed = ClientToolsIT.run(java.nio.file.Path.of("."), standard, putItem);
        assertEquals(0, landed.exit(), landed.err());
        assertEquals(2, once.scan(b -> b.tableName(table)).count());
    }

    /** A capacity metric item-service exports (summed over its series), by table, CloudWatch name and operation. */
    private double metric(String table, String cloudWatchName, String operation) throws Exception {
        String service = "item-service";
        var request = java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + stack.port(service) + "/q/metrics")).timeout(DynamisStack.REQUEST_TIMEOUT)
                .build();
        String body = DynamisStack.HTTP
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith("dynamis_capacity_") && line.contains("table=\"" + table + "\"")
                    && line.contains("metric=\"" + cloudWatchName + "\"")
                    && (operation == null || line.contains("operation=\"" + operation + "\""))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
