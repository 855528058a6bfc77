package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;

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
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = stack.streamsClient()) {
            String table = createStreamTable(client, "streams-" + viewType.name().toLowerCase().replace('_', '-'), viewType);
            Map<String, List<Change>> expected = workload(client, table, new Random(viewType.ordinal()), 300);
            int total = expected.values().stream().mapToInt(List::size).sum();

            String streamArn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            assertEquals(streamArn, streams.listStreams(b -> b.tableName(table)).streams().get(0).streamArn());
            DescribeStreamResponse description = streams.describeStream(b -> b.streamArn(streamArn));
            assertEquals(viewType, description.streamDescription().streamViewType());
            assertEquals("ENABLED", description.streamDescription().streamStatusAsString());
            assertEquals(table, description.streamDescription().tableName());
            List<Shard> shards = description.streamDescription().shards();
            if (!stack.isExternal()) {
                assertEquals(stack.shards(), shards.size(), "one stream shard per item-service shard");
            }

            Map<String, List<Record>> byShard = readEveryShard(streams, streamArn, shards, total);
            List<Record> read = new ArrayList<>();
            byShard.values().forEach(read::addAll);
            assertEquals(total, read.size(), "every change once, nothing more");
            if (!stack.isExternal() && stack.shards() > 1) {
                byShard.forEach((id, records) -> assertFalse(records.isEmpty(), "stream shard " + id + " serves changes too"));
            }

            Map<String, List<Record>> byItem = new LinkedHashMap<>();
            Map<String, String> shardOfItem = new HashMap<>();
            byShard.forEach((id, records) -> {
                for (Record record : records) {
                    String item = itemId(record.dynamodb().keys());
                    byItem.computeIfAbsent(item, k -> new ArrayList<>()).add(record);
                    assertEquals(id, shardOfItem.computeIfAbsent(item, k -> id), "every change of " + item + " in one shard");
                    assertEquals(viewType, record.dynamodb().streamViewType());
                    assertEquals("aws:dynamodb", record.eventSource());
                }
            });
            assertEquals(expected.keySet(), byItem.keySet());
            for (var entry : expected.entrySet()) {
                List<Change> changes = entry.getValue();
                List<Record> records = byItem.get(entry.getKey());
                assertEquals(changes.size(), records.size(), entry.getKey());
                for (int i = 0; i < changes.size(); i++) {
                    assertRecord(viewType, changes.get(i), records.get(i));
                }
            }
            for (List<Record> records : byShard.values()) {
                for (int i = 1; i < records.size(); i++) {
                    assertTrue(new java.math.BigInteger(records.get(i - 1).dynamodb().sequenceNumber())
                            .compareTo(new java.math.BigInteger(records.get(i).dynamodb().sequenceNumber())) < 0,
                            "sequence numbers grow along the shard");
                }
            }
        }
    }

    @Test
    void latestAtAndAfterSequenceNumberIteratorsStartWhereTheySay() throws Exception {
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = stack.streamsClient()) {
            String table = createStreamTable(client, "streams-iterators", StreamViewType.NEW_IMAGE);
            for (int i = 0; i < 5; i++) {
                int n = i;
                client.putItem(b -> b.tableName(table).item(Items.item("pk", Items.s("a"), "sk", Items.n(n))));
            }
            String arn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            // the shard holding partition "a" (with several item-service shards, the others hold none of it)
            Map<String, List<Record>> byShard = readEveryShard(streams, arn,
                    streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards(), 5);
            String shardId = byShard.entrySet().stream().filter(e -> !e.getValue().isEmpty()).findFirst().orElseThrow().getKey();
            List<Record> first = byShard.get(shardId);
            assertEquals(5, first.size());
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
            client.putItem(b -> b.tableName(table).item(Items.item("pk", Items.s("a"), "sk", Items.n(9))));
            List<Record> later = readAtLeast(streams, latest, 1);
            assertEquals(1, later.size());
            assertEquals("9", later.get(0).dynamodb().keys().get("sk").n());
            assertEquals("INSERT", later.get(0).eventNameAsString());
        }
    }

    @Test
    void disablingTheStreamClosesEveryShardWithEveryChangeOfItsItems() throws Exception {
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = stack.streamsClient()) {
            String table = createStreamTable(client, "streams-closing", StreamViewType.KEYS_ONLY);
            String arn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            for (int i = 0; i < 40; i++) {
                int n = i;
                client.putItem(b -> b.tableName(table).item(Items.item("pk", Items.s("p" + n), "sk", Items.n(0))));
            }
            client.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false)));

            StreamDescription closed = StreamLifecycleIT.awaitDisabled(streams, arn);
            if (!stack.isExternal()) {
                assertEquals(stack.shards(), closed.shards().size());
            }
            int total = 0;
            for (Shard shard : closed.shards()) {
                String ending = shard.sequenceNumberRange().endingSequenceNumber();
                assertTrue(ending != null, "every shard of a disabled stream is closed: " + shard.shardId());
                List<Record> records = StreamLifecycleIT.readToEnd(streams, streams.getShardIterator(b -> b.streamArn(arn)
                        .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
                if (!stack.isExternal() && stack.shards() > 1) {
                    assertFalse(records.isEmpty(), "stream shard " + shard.shardId() + " holds changes");
                }
                if (!records.isEmpty()) {
                    assertEquals(ending, records.get(records.size() - 1).dynamodb().sequenceNumber(),
                            "the shard ends at its last record");
                }
                total += records.size();
            }
            assertEquals(40, total, "every change, in exactly one shard");
        }
    }

    @Test
    void streamErrorsAreDynamoDbStreamsErrors() {
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = stack.streamsClient()) {
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

    @Test
    void describeStreamPagesShardsByIdAsDynamoDbDoes() {
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = stack.streamsClient()) {
            String table = createStreamTable(client, "streams-paging", StreamViewType.KEYS_ONLY);
            String arn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            StreamDescription all = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
            int count = stack.isExternal() ? all.shards().size() : stack.shards();
            assertEquals(count, all.shards().size(), "one shard per item-service shard");
            assertNull(all.lastEvaluatedShardId(), "nothing remains");
            List<String> ids = all.shards().stream().map(Shard::shardId).toList();
            assertEquals(ids.stream().sorted().toList(), ids, "shards in id order");
            assertEquals(count, new java.util.HashSet<>(ids).size(), "distinct ids");
            assertEquals(all.shards(), streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards(),
                    "the same shards, ids and ranges, every time");

            // a page of one shard at a time walks them all, LastEvaluatedShardId on every page but the last
            List<String> walked = new ArrayList<>();
            String start = null;
            do {
                String exclusive = start;
                StreamDescription one = streams.describeStream(b -> b.streamArn(arn).limit(1).exclusiveStartShardId(exclusive))
                        .streamDescription();
                assertEquals(1, one.shards().size());
                walked.add(one.shards().get(0).shardId());
                start = one.lastEvaluatedShardId();
                assertEquals(walked.size() < count ? walked.get(walked.size() - 1) : null, start);
            } while (start != null);
            assertEquals(ids, walked);
            String last = ids.get(ids.size() - 1);
            StreamDescription afterLast = streams.describeStream(b -> b.streamArn(arn).exclusiveStartShardId(last))
                    .streamDescription();
            assertTrue(afterLast.shards().isEmpty(), "no shard comes after the last one");
            assertNull(afterLast.lastEvaluatedShardId());
            assertEquals(arn, afterLast.streamArn(), "the stream is still described");

            // an id that is no shard of the stream is a place in the id order, as in DynamoDB
            StreamDescription fromBefore = streams.describeStream(b -> b.streamArn(arn)
                    .exclusiveStartShardId("shardId-00000000000000000000-00000000")).streamDescription();
            assertEquals(ids, fromBefore.shards().stream().map(Shard::shardId).toList());
            StreamDescription fromAfter = streams.describeStream(b -> b.streamArn(arn)
                    .exclusiveStartShardId("zzzzzzzzzzzzzzzzzzzzzzzzsfasdgagadfadfgagkjsdfsfsdjfjks")).streamDescription();
            assertTrue(fromAfter.shards().isEmpty());

            Errors.expectValidation("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint:"
                    + " Member must have value greater than or equal to 1",
                    () -> streams.describeStream(b -> b.streamArn(arn).limit(0)));
            Errors.expectValidation("1 validation error detected: Value '101' at 'limit' failed to satisfy constraint:"
                    + " Member must have value less than or equal to 100",
                    () -> streams.describeStream(b -> b.streamArn(arn).limit(101)));
            Errors.expectValidation("1 validation error detected: Value 'shardId-1' at 'exclusiveStartShardId' failed"
                    + " to satisfy constraint: Member must have length greater than or equal to 28",
                    () -> streams.describeStream(b -> b.streamArn(arn).exclusiveStartShardId("shardId-1")));
        }
    }

    @Test
    void aChildShardsFilterFindsNoChildOfAShardThatNeverSplit() throws Exception {
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = stack.streamsClient()) {
            String table = createStreamTable(client, "streams-filter", StreamViewType.KEYS_ONLY);
            String arn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();

            HttpResponse<String> children = postStreams("DescribeStream", "{\"StreamArn\": \"" + arn
                    + "\", \"ShardFilter\": {\"Type\": \"CHILD_SHARDS\", \"ShardId\": \"" + shardId + "\"}}");
            assertEquals(200, children.statusCode(), children.body());
            JsonNode description = JSON.readTree(children.body()).get("StreamDescription");
            assertEquals(arn, description.get("StreamArn").asText());
            assertEquals(0, description.get("Shards").size(), children.body());

            HttpResponse<String> badType = postStreams("DescribeStream", "{\"StreamArn\": \"" + arn
                    + "\", \"ShardFilter\": {\"Type\": \"PARENT_SHARDS\", \"ShardId\": \"" + shardId + "\"}}");
            assertEquals(400, badType.statusCode());
            JsonNode error = JSON.readTree(badType.body());
            assertEquals("com.amazon.coral.validate#ValidationException", error.get("__type").asText());
            assertEquals("1 validation error detected: Value 'PARENT_SHARDS' at 'shardFilter.type' failed to satisfy"
                    + " constraint: Member must satisfy enum value set: [CHILD_SHARDS]", error.get("message").asText());
        }
    }

    @Test
    void streamRequestMembersAreCheckedAsDynamoDbChecksThem() {
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = stack.streamsClient()) {
            String table = createStreamTable(client, "streams-members", StreamViewType.KEYS_ONLY);
            String arn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
            String garbage = "sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf";

            Errors.expectValidation("Invalid StreamArn", () -> streams.describeStream(b -> b.streamArn(garbage)));
            Errors.expectValidation("Invalid StreamArn", () -> streams.getShardIterator(b -> b.streamArn(garbage)
                    .shardId(shardId).shardIteratorType(ShardIteratorType.LATEST)));
            Errors.expectValidation("Invalid StreamArn", () -> streams.listStreams(b -> b.exclusiveStartStreamArn(
                    "kossaapaaasdafsdaasdasdasdasasdasfadfadfasdasdas")));
            Errors.expectValidation("1 validation error detected: Value 'arn:aws:dynamodb' at 'streamArn' failed to"
                    + " satisfy constraint: Member must have length greater than or equal to 37",
                    () -> streams.describeStream(b -> b.streamArn("arn:aws:dynamodb")));
            Errors.expectValidation("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint:"
                    + " Member must have value greater than or equal to 1", () -> streams.listStreams(b -> b.limit(0)));
            Errors.expectValidation("1 validation error detected: Value '101' at 'limit' failed to satisfy constraint:"
                    + " Member must have value less than or equal to 100", () -> streams.listStreams(b -> b.limit(101)));

            // SequenceNumber: required by the two sequence types, refused by the other two
            for (ShardIteratorType type : List.of(ShardIteratorType.AT_SEQUENCE_NUMBER,
                    ShardIteratorType.AFTER_SEQUENCE_NUMBER)) {
                Errors.expectValidation("Must specify SequenceNumber when ShardIteratorType is " + type,
                        () -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId).shardIteratorType(type)));
            }
            String sequence = "000000000000000000001";
            for (ShardIteratorType type : List.of(ShardIteratorType.TRIM_HORIZON, ShardIteratorType.LATEST)) {
                Errors.expectValidation("Must not specify SequenceNumber when ShardIteratorType is " + type,
                        () -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId).shardIteratorType(type)
                                .sequenceNumber(sequence)));
            }
            Errors.expectValidation("1 validation error detected: Value 'sdfsafglldfngjdafnasdflgnaldklkafdsgklnasdlv'"
                    + " at 'sequenceNumber' failed to satisfy constraint: Member must have length less than or equal"
                    + " to 40", () -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                            .shardIteratorType(ShardIteratorType.LATEST)
                            .sequenceNumber("sdfsafglldfngjdafnasdflgnaldklkafdsgklnasdlv")));
            Errors.expectValidation("Invalid SequenceNumber: 00000000000000000000x",
                    () -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                            .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber("00000000000000000000x")));
            String zero = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber("000000000000000000000"))
                    .shardIterator();
            assertTrue(streams.getRecords(b -> b.shardIterator(zero)).records().isEmpty(), "sequence 0: from the start");
            Errors.expectValidation("1 validation error detected: Value 'shardId-1' at 'shardId' failed to satisfy"
                    + " constraint: Member must have length greater than or equal to 28",
                    () -> streams.getShardIterator(b -> b.streamArn(arn).shardId("shardId-1")
                            .shardIteratorType(ShardIteratorType.LATEST)));
            Errors.expect(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Requested resource not found: Shard does not exist",
                    () -> streams.getShardIterator(b -> b.streamArn(arn).shardId("semprinidfaasdasfsdvacsdcfsdsvsdvsdvsdvsdvsdv")
                            .shardIteratorType(ShardIteratorType.LATEST)));

            // GetRecords: Limit 1 to 1000; an iterator that is not one of ours is invalid, never a 500
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
            Errors.expectValidation("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint:"
                    + " Member must have value greater than or equal to 1",
                    () -> streams.getRecords(b -> b.shardIterator(iterator).limit(0)));
            Errors.expectValidation("1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint:"
                    + " Member must have value less than or equal to 1000",
                    () -> streams.getRecords(b -> b.shardIterator(iterator).limit(1001)));
            for (String bad : List.of(arn + "|1|AAAAAAAAAAEfVq2mCk9oUTv+ZHY5cHyI0cBF0S9Gg7a0",
                    iterator.substring(0, iterator.length() / 2), "sdfsdfsgagaddafgagasgasgasdfasdfasdfasdfasdgasdasdgasdg")) {
                Errors.expectValidation("Invalid ShardIterator", () -> streams.getRecords(b -> b.shardIterator(bad)));
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A DynamoDB Streams request sent as raw JSON (for members the SDK in use does not model yet), signed by the
     * SDK's own signer with the stack's credentials, so that it is served in verify mode too.
     */
    private HttpResponse<String> postStreams(String operation, String body) throws Exception {
        software.amazon.awssdk.auth.credentials.AwsCredentials credentials = stack.credentials();
        HttpRequest request = DynamisStack.signedRequest("POST", stack.endpoint(), Map.of("Content-Type",
                "application/x-amz-json-1.0", "X-Amz-Target", "DynamoDBStreams_20120810." + operation),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8), credentials.accessKeyId(),
                credentials.secretAccessKey()).build();
        return DynamisStack.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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

    /**
     * Reads every shard of the stream from its TRIM_HORIZON, in turn, until {@code count} records came over
     * all of them (or the time is up), then a bit more; each shard's records in its order.
     */
    static Map<String, List<Record>> readEveryShard(DynamoDbStreamsClient streams, String arn, List<Shard> shards,
            int count) throws InterruptedException {
        Map<String, String> iterators = new LinkedHashMap<>();
        Map<String, List<Record>> read = new LinkedHashMap<>();
        for (Shard shard : shards) {
            iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            read.put(shard.shardId(), new ArrayList<>());
        }
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        int emptyAfterEnough = 0;
        while (System.nanoTime() < deadline && emptyAfterEnough < 3) {
            int got = 0;
            for (var entry : iterators.entrySet()) {
                String current = entry.getValue();
                if (current != null) {
                    GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current).limit(100));
                    read.get(entry.getKey()).addAll(page.records());
                    entry.setValue(page.nextShardIterator());
                    got += page.records().size();
                }
            }
            if (got == 0) {
                if (read.values().stream().mapToInt(List::size).sum() >= count) {
                    emptyAfterEnough++;
                }
                Thread.sleep(200);
            }
        }
        return read;
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
