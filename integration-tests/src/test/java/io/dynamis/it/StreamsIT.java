package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * DynamoDB Streams through the gateway: stream consumers built with the AWS SDK v2 read every change of
 * a workload, each item's changes in the order they were made, with the images of the stream's view type.
 */
@ExtendWith(StackExtension.class)
class StreamsIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final DynamisStack stack;

    StreamsIT(DynamisStack stack) {
        this.stack = stack;
    }

    static DynamoDbStreamsClient streamsClient(DynamisStack stack) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dynamis", "dynamis")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** One change the workload made: the event, the item before and after. */
    private record Change(String eventName, Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
    }

    static String createStreamTable(DynamoDbClient client, String prefix, StreamViewType viewType) {
        return Tables.createHashRangeTable(client, prefix, b -> b.streamSpecification(
                StreamSpecification.builder().streamEnabled(true).streamViewType(viewType).build()));
    }

    @ParameterizedTest
    @EnumSource(value = StreamViewType.class, names = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"})
    void aStreamConsumerReadsEveryChangeInPerItemOrderWithTheImagesOfItsViewType(StreamViewType viewType)
            throws Exception {
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = streamsClient(stack)) {
            String table = createStreamTable(client, "streams-" + viewType.name().toLowerCase().replace('_', '-'), viewType);
            Map<String, List<Change>> expected = workload(client, table, new Random(viewType.ordinal()), 300);
            int total = expected.values().stream().mapToInt(List::size).sum();

            String streamArn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            assertEquals(streamArn, streams.listStreams(b -> b.tableName(table)).streams().get(0).streamArn());
            DescribeStreamResponse description = streams.describeStream(b -> b.streamArn(streamArn));
            assertEquals(viewType, description.streamDescription().streamViewType());
            assertEquals("ENABLED", description.streamDescription().streamStatusAsString());
            assertEquals(table, description.streamDescription().tableName());
            String shardId = description.streamDescription().shards().get(0).shardId();

            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> read = readAtLeast(streams, iterator, total);
            assertEquals(total, read.size(), "every change once, nothing more");

            Map<String, List<Record>> byItem = new LinkedHashMap<>();
            for (Record record : read) {
                byItem.computeIfAbsent(itemId(record.dynamodb().keys()), k -> new ArrayList<>()).add(record);
                assertEquals(viewType, record.dynamodb().streamViewType());
                assertEquals("aws:dynamodb", record.eventSource());
            }
            assertEquals(expected.keySet(), byItem.keySet());
            for (var entry : expected.entrySet()) {
                List<Change> changes = entry.getValue();
                List<Record> records = byItem.get(entry.getKey());
                assertEquals(changes.size(), records.size(), entry.getKey());
                for (int i = 0; i < changes.size(); i++) {
                    assertRecord(viewType, changes.get(i), records.get(i));
                }
            }
            for (int i = 1; i < read.size(); i++) {
                assertTrue(new java.math.BigInteger(read.get(i - 1).dynamodb().sequenceNumber())
                        .compareTo(new java.math.BigInteger(read.get(i).dynamodb().sequenceNumber())) < 0,
                        "sequence numbers grow along the shard");
            }
        }
    }

    @Test
    void latestAtAndAfterSequenceNumberIteratorsStartWhereTheySay() throws Exception {
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = streamsClient(stack)) {
            String table = createStreamTable(client, "streams-iterators", StreamViewType.NEW_IMAGE);
            for (int i = 0; i < 5; i++) {
                int n = i;
                client.putItem(b -> b.tableName(table).item(Items.item("pk", Items.s("a"), "sk", Items.n(n))));
            }
            String arn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
            List<Record> first = readAtLeast(streams, streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator(), 5);
            String third = first.get(2).dynamodb().sequenceNumber();

            List<Record> at = readAtLeast(streams, streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(third)).shardIterator(), 3);
            assertEquals(third, at.get(0).dynamodb().sequenceNumber());
            assertEquals(3, at.size());
            List<Record> after = readAtLeast(streams, streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(third)).shardIterator(), 2);
            assertEquals(first.get(3).dynamodb().sequenceNumber(), after.get(0).dynamodb().sequenceNumber());
            assertEquals(2, after.size());

            String latest = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
            client.putItem(b -> b.tableName(table).item(Items.item("pk", Items.s("b"), "sk", Items.n(9))));
            List<Record> later = readAtLeast(streams, latest, 1);
            assertEquals(1, later.size());
            assertEquals("b", later.get(0).dynamodb().keys().get("pk").s());
            assertEquals("INSERT", later.get(0).eventNameAsString());
        }
    }

    @Test
    void streamErrorsAreDynamoDbStreamsErrors() {
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = streamsClient(stack)) {
            String table = createStreamTable(client, "streams-errors", StreamViewType.KEYS_ONLY);
            String arn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            String missing = arn.replace(table, table + "-missing");
            Errors.expect(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Requested resource not found: Stream: " + missing + " not found",
                    () -> streams.describeStream(b -> b.streamArn(missing)));
            Errors.expect(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Requested resource not found: Shard does not exist",
                    () -> streams.getShardIterator(b -> b.streamArn(arn).shardId("shardId-00000000000000000000-00000000")
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)));
            Errors.expectValidation("Invalid ShardIterator", () -> streams.getRecords(b -> b.shardIterator("not-an-iterator")));
            String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
            Errors.expectValidation("1 validation error detected: Value 'SIDEWAYS' at 'shardIteratorType' failed to"
                    + " satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST,"
                    + " AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]",
                    () -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId).shardIteratorType("SIDEWAYS")));
            Errors.expect(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Requested resource not found: Table: " + table + "-missing not found",
                    () -> streams.listStreams(b -> b.tableName(table + "-missing")));
            String plain = Tables.createHashTable(client, "streams-none", ScalarAttributeType.S);
            assertTrue(streams.listStreams(b -> b.tableName(plain)).streams().isEmpty(), "a table without a stream has none");
            assertNull(client.describeTable(b -> b.tableName(plain)).table().latestStreamArn());
        }
    }

    /** Random puts, updates and deletes over a few dozen items; returns each item's changes in order. */
    private static Map<String, List<Change>> workload(DynamoDbClient client, String table, Random random, int operations) {
        Map<String, Map<String, AttributeValue>> current = new HashMap<>();
        Map<String, List<Change>> changes = new LinkedHashMap<>();
        for (int i = 0; i < operations; i++) {
            String pk = "p" + random.nextInt(6);
            int sk = random.nextInt(8);
            Map<String, AttributeValue> key = Items.item("pk", Items.s(pk), "sk", Items.n(sk));
            String id = pk + "/" + sk;
            Map<String, AttributeValue> old = current.get(id);
            int action = random.nextInt(10);
            if (action < 5) {
                Map<String, AttributeValue> item = new HashMap<>(key);
                item.put("v", Items.n(i));
                item.put("s", Items.s("x".repeat(random.nextInt(20))));
                client.putItem(b -> b.tableName(table).item(item));
                current.put(id, item);
                changes.computeIfAbsent(id, k -> new ArrayList<>())
                        .add(new Change(old == null ? "INSERT" : "MODIFY", old, item));
            } else if (action < 8) {
                int n = i;
                client.updateItem(b -> b.tableName(table).key(key).updateExpression("SET v = :v, u = :u")
                        .expressionAttributeValues(Map.of(":v", Items.n(n), ":u", Items.bool(n % 2 == 0))));
                Map<String, AttributeValue> item = new HashMap<>(old == null ? key : old);
                item.put("v", Items.n(i));
                item.put("u", Items.bool(i % 2 == 0));
                current.put(id, item);
                changes.computeIfAbsent(id, k -> new ArrayList<>())
                        .add(new Change(old == null ? "INSERT" : "MODIFY", old, item));
            } else {
                client.deleteItem(b -> b.tableName(table).key(key));
                if (old != null) {
                    current.remove(id);
                    changes.computeIfAbsent(id, k -> new ArrayList<>()).add(new Change("REMOVE", old, null));
                }
            }
        }
        return changes;
    }

    private static void assertRecord(StreamViewType viewType, Change change, Record record) {
        assertEquals(change.eventName(), record.eventNameAsString());
        boolean news = viewType == StreamViewType.NEW_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean olds = viewType == StreamViewType.OLD_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        if (news && change.newImage() != null) {
            Items.assertSameItem(change.newImage(), record.dynamodb().newImage());
        } else {
            assertFalse(record.dynamodb().hasNewImage(), "no NewImage for " + viewType + " " + change.eventName());
        }
        if (olds && change.oldImage() != null) {
            Items.assertSameItem(change.oldImage(), record.dynamodb().oldImage());
        } else {
            assertFalse(record.dynamodb().hasOldImage(), "no OldImage for " + viewType + " " + change.eventName());
        }
    }

    private static String itemId(Map<String, AttributeValue> keys) {
        return keys.get("pk").s() + "/" + keys.get("sk").n();
    }

    /** Reads the shard from the iterator until {@code count} records came (or the time is up), then a bit more. */
    static List<Record> readAtLeast(DynamoDbStreamsClient streams, String iterator, int count) throws InterruptedException {
        List<Record> read = new ArrayList<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        int emptyAfterEnough = 0;
        while (System.nanoTime() < deadline && emptyAfterEnough < 3) {
            String current = iterator;
            GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current).limit(100));
            read.addAll(page.records());
            iterator = page.nextShardIterator();
            if (page.records().isEmpty()) {
                if (read.size() >= count) {
                    emptyAfterEnough++;
                }
                Thread.sleep(200);
            }
        }
        return read;
    }
}
