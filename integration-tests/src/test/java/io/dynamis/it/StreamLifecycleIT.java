package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A stream's life as DynamoDB lives it: disabling closes its shard (still readable to its end, then no
 * NextShardIterator), enabling again makes a new stream beside it, and ListStreams pages over all of them.
 */
@ExtendWith(StackExtension.class)
class StreamLifecycleIT {

    private final DynamisStack stack;

    StreamLifecycleIT(DynamisStack stack) {
        this.stack = stack;
    }

    @Test
    void disablingAStreamTheTableDoesNotHaveIsAValidationError() {
        try (DynamoDbClient client = stack.client()) {
            String plain = Tables.createHashTable(client, "stream-none", ScalarAttributeType.S);
            Errors.expectValidation("Table does not have an enabled stream: TableName: " + plain,
                    () -> client.updateTable(b -> b.tableName(plain).streamSpecification(s -> s.streamEnabled(false))));
            String table = StreamsIT.createStreamTable(client, "stream-twice", StreamViewType.KEYS_ONLY);
            client.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
            Errors.expectValidation("Table does not have an enabled stream: TableName: " + table,
                    () -> client.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false))));
            client.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(true)
                    .streamViewType(StreamViewType.NEW_IMAGE)));
            Errors.expectValidation("Table already has an enabled stream: TableName: " + table,
                    () -> client.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(true)
                            .streamViewType(StreamViewType.OLD_IMAGE))));
        }
    }

    @Test
    void enablingAgainMakesANewStreamWhileTheDisabledOneIsReadableToItsEnd() throws Exception {
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = stack.streamsClient()) {
            OpenStream opened = OpenStream.create(client, streams, "stream-again");
            String table = opened.table();
            String first = opened.arn();
            String firstShard = opened.shardId();
            String early = opened.trimHorizon();
            put(client, table, "a", 1, 2, 3);

            client.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
            // A change committed in the very millisecond of the disable still belongs to the closed stream (none is
            // lost at the boundary); these come later, while no stream is enabled, and belong to none.
            Thread.sleep(20);
            put(client, table, "off", 4, 5);
            var enabled = client.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(true)
                    .streamViewType(StreamViewType.NEW_IMAGE))).tableDescription();
            String second = enabled.latestStreamArn();
            assertNotEquals(first, second, "a new stream, with a new ARN");
            assertNotEquals(first.substring(first.lastIndexOf('/')), "/" + enabled.latestStreamLabel());
            assertTrue(second.endsWith("/stream/" + enabled.latestStreamLabel()));
            put(client, table, "b", 6);

            StreamDescription closed = awaitDisabled(streams, first);
            assertEquals(StreamViewType.KEYS_ONLY, closed.streamViewType(), "the old stream keeps its view type");
            assertEquals(table, closed.tableName());
            assertEquals(1, closed.shards().size());
            SequenceNumberRange range = closed.shards().get(0).sequenceNumberRange();
            assertNotNull(range.endingSequenceNumber(), "a disabled stream's shard is closed");
            assertTrue(range.endingSequenceNumber().chars().allMatch(Character::isDigit));

            List<Record> fromEarly = readToEnd(streams, early);
            assertEquals(List.of("a1", "a2", "a3"), keys(fromEarly), "the closed shard holds what it recorded");
            assertEquals(range.endingSequenceNumber(), fromEarly.get(2).dynamodb().sequenceNumber());
            String again = streams.getShardIterator(b -> b.streamArn(first).shardId(firstShard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            assertEquals(List.of("a1", "a2", "a3"), keys(readToEnd(streams, again)));
            String latest = streams.getShardIterator(b -> b.streamArn(first).shardId(firstShard)
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
            assertEquals(List.of(), keys(readToEnd(streams, latest)));

            StreamDescription open = streams.describeStream(b -> b.streamArn(second)).streamDescription();
            assertEquals(StreamStatus.ENABLED, open.streamStatus());
            assertEquals(StreamViewType.NEW_IMAGE, open.streamViewType());
            assertNotEquals(firstShard, open.shards().get(0).shardId(), "the new stream has shards of its own");
            assertNull(open.shards().get(0).sequenceNumberRange().endingSequenceNumber());
            String fresh = streams.getShardIterator(b -> b.streamArn(second).shardId(open.shards().get(0).shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> read = StreamsIT.readAtLeast(streams, fresh, 1);
            assertEquals(List.of("b6"), keys(read), "the new stream starts when it was enabled");
            assertEquals("b", read.get(0).dynamodb().newImage().get("pk").s());

            List<String> listed = streams.listStreams(b -> b.tableName(table)).streams().stream()
                    .map(s -> s.streamArn()).toList();
            assertEquals(List.of(first, second), listed, "both streams, in ARN order");
            assertEquals(second, client.describeTable(b -> b.tableName(table)).table().latestStreamArn());
        }
    }

    @Test
    void listStreamsPagesInArnOrderAndResumesAfterADeletedTable() {
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = stack.streamsClient()) {
            List<String> ours = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String table = StreamsIT.createStreamTable(client, "stream-list", StreamViewType.KEYS_ONLY);
                ours.add(client.describeTable(b -> b.tableName(table)).table().latestStreamArn());
            }
            ours.sort(null);

            List<String> paged = new ArrayList<>();
            String start = null;
            for (int page = 0; page < 1000; page++) {
                String from = start;
                ListStreamsResponse answer = streams.listStreams(b -> b.limit(1).exclusiveStartStreamArn(from));
                assertTrue(answer.streams().size() <= 1);
                answer.streams().forEach(s -> paged.add(s.streamArn()));
                start = answer.lastEvaluatedStreamArn();
                if (start == null) {
                    break;
                }
                assertEquals(paged.get(paged.size() - 1), start);
            }
            assertNull(start, "the paging ends");
            List<String> sorted = new ArrayList<>(paged);
            sorted.sort(null);
            assertEquals(sorted, paged, "streams come in ARN order");
            for (String arn : ours) {
                assertEquals(1, paged.stream().filter(arn::equals).count(), arn + " once");
            }

            String firstTable = ours.get(0).substring(ours.get(0).indexOf(":table/") + 7, ours.get(0).indexOf("/stream/"));
            client.deleteTable(b -> b.tableName(firstTable));
            List<String> resumed = streams.listStreams(b -> b.exclusiveStartStreamArn(ours.get(0))).streams().stream()
                    .map(s -> s.streamArn()).toList();
            assertFalse(resumed.contains(ours.get(0)));
            assertTrue(resumed.containsAll(ours.subList(1, 3)), "paging resumes after the deleted table's stream");
            assertTrue(resumed.stream().allMatch(arn -> arn.compareTo(ours.get(0)) > 0));

            String nowhere = ours.get(1).substring(0, ours.get(1).indexOf("/stream/") + 8) + "2000-01-01T00:00:00.000";
            List<String> fromNowhere = streams.listStreams(b -> b.exclusiveStartStreamArn(nowhere)).streams().stream()
                    .map(s -> s.streamArn()).toList();
            assertEquals(ours.get(1), fromNowhere.get(0), "a start naming no stream is a place in the order");
        }
    }

    /**
     * Deleting a table closes its stream, which stays describable as DISABLED, with its records readable to the
     * end of its closed shard, for 24 hours (DynamoDB; it used to vanish at once); a stream ARN the table
     * never had stays not found.
     */
    @Test
    void theStreamOfADeletedTableStaysReadableDisabled() throws Exception {
        try (DynamoDbClient client = stack.client(); DynamoDbStreamsClient streams = stack.streamsClient()) {
            OpenStream deleted = OpenStream.create(client, streams, "stream-deleted");
            put(client, deleted.table(), "d", 1, 2);
            client.deleteTable(b -> b.tableName(deleted.table()));

            String arn = deleted.arn();
            StreamDescription closed = awaitDisabled(streams, arn);
            assertEquals(deleted.table(), closed.tableName());
            assertEquals(StreamViewType.KEYS_ONLY, closed.streamViewType());
            assertNotNull(closed.shards().get(0).sequenceNumberRange().endingSequenceNumber(), "its shard is closed");
            assertEquals(List.of("d1", "d2"), keys(readToEnd(streams, deleted.trimHorizon())),
                    "an iterator from before the deletion");
            String after = streams.getShardIterator(b -> b.streamArn(arn).shardId(deleted.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            assertEquals(List.of("d1", "d2"), keys(readToEnd(streams, after)), "an iterator asked for after it");
            String before = arn.substring(0, arn.lastIndexOf('/') + 1) + "2000-01-01T00:00:00.000";
            assertEquals(arn, streams.listStreams(b -> b.exclusiveStartStreamArn(before).limit(1)).streams().get(0)
                    .streamArn(), "ListStreams still lists it");
            String never = before;
            Errors.expect(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class,
                    "ResourceNotFoundException", "Requested resource not found: Stream: " + never + " not found",
                    () -> streams.describeStream(b -> b.streamArn(never)));
        }
    }

    /** A new table with a KEYS_ONLY stream: its name, the stream's ARN, its shard, and a TRIM_HORIZON iterator on it. */
    private record OpenStream(String table, String arn, String shardId, String trimHorizon) {

        static OpenStream create(DynamoDbClient client, DynamoDbStreamsClient streams, String prefix) {
            String table = StreamsIT.createStreamTable(client, prefix, StreamViewType.KEYS_ONLY);
            String arn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            return new OpenStream(table, arn, shardId, iterator);
        }
    }

    private static void put(DynamoDbClient client, String table, String pk, int... sks) {
        for (int sk : sks) {
            client.putItem(b -> b.tableName(table).item(Items.item("pk", Items.s(pk), "sk", Items.n(sk))));
        }
    }

    private static List<String> keys(List<Record> records) {
        return records.stream().map(r -> r.dynamodb().keys().get("pk").s() + r.dynamodb().keys().get("sk").n()).toList();
    }

    /**
     * DescribeStream until the stream is DISABLED (the archive holds all its records), at most 2 minutes: the
     * archive may still be catching up on the writes of the suite's earlier classes on a busy machine.
     */
    static StreamDescription awaitDisabled(DynamoDbStreamsClient streams, String arn) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            StreamDescription d = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
            if (d.streamStatus() == StreamStatus.DISABLED || System.nanoTime() > deadline) {
                assertEquals(StreamStatus.DISABLED, d.streamStatus());
                return d;
            }
            assertEquals(StreamStatus.DISABLING, d.streamStatus());
            Thread.sleep(200);
        }
    }

    /** Reads a closed shard until GetRecords gives no NextShardIterator (at most 200 calls). */
    static List<Record> readToEnd(DynamoDbStreamsClient streams, String iterator) {
        List<Record> read = new ArrayList<>();
        String next = iterator;
        for (int i = 0; i < 200 && next != null; i++) {
            String current = next;
            GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
            read.addAll(page.records());
            next = page.nextShardIterator();
        }
        assertNull(next, "a closed shard ends");
        return read;
    }
}
