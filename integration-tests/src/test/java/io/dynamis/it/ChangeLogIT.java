package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.change.ChangeRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The change log reaches the topic whole and in order, whatever happens between the store and the
 * broker: a broker outage under load, or item-service dying with committed records not yet published.
 */
@ExtendWith(StackExtension.class)
@OwnStackOnly
@ServicesTopologyOnly
class ChangeLogIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    private final DynamisStack stack;

    @TempDir
    Path dir;

    ChangeLogIT(DynamisStack stack) {
        this.stack = stack;
    }

    /**
     * Four writers keep writing through a 30 s broker outage. Every second of the outage writes are acknowledged (the
     * store does not wait for the broker) and none fails; once the broker is back, every acknowledged write reaches the
     * topic exactly once, each key's changes in the order they were acknowledged.
     */
    @Test
    void aThirtySecondBrokerOutageLosesNoChangeAndReordersNone() throws Exception {
        try (DynamoDbClient client = stack.client();
             ChangeCollector collector = new ChangeCollector(stack, dir.resolve("outage.db"), "outage-it")) {
            String table = Tables.createHashTable(client, "outage", ScalarAttributeType.S);
            WriteLoad load = new WriteLoad(client, table, "o", 4, 25, 1_000_000);
            List<Long> perSecond = new ArrayList<>();
            int failuresAtOutage;
            try {
                awaitAcknowledged(load, 100, "the writers are under way");
                stack.stop("kafka");
                failuresAtOutage = load.failures();
                long last = load.acknowledgedCount();
                long next = System.nanoTime();
                for (int second = 0; second < 30; second++) {
                    next += TimeUnit.SECONDS.toNanos(1);
                    TimeUnit.NANOSECONDS.sleep(next - System.nanoTime()); // the outage lasts 30 s, counted per second
                    long now = load.acknowledgedCount();
                    perSecond.add(now - last);
                    last = now;
                }
                assertTrue(stack.metric("item-service", "dynamis_relay_lag_records") > 0,
                        "the relay is holding records while the broker is away");
            } finally {
                stack.start();
            }
            try {
                awaitAcknowledged(load, load.acknowledgedCount() + 100, "writes go on after the broker is back");
            } finally {
                load.close();
            }

            assertTrue(perSecond.stream().allMatch(n -> n > 0),
                    "writes were acknowledged in every second of the outage: " + perSecond);
            assertEquals(failuresAtOutage, load.failures(), "no write failed because the broker was away");

            Map<String, List<Long>> acknowledged = load.acknowledged();
            List<ChangeRecord> all;
            try {
                all = collector.await(records -> versionsByKey(records, table).equals(acknowledged),
                        CATCH_UP, "every acknowledged write of " + table + " on the topic");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + describeDifference(acknowledged,
                        versionsByKey(collector.records(), table), collector.records()), e);
            }
            assertEquals(acknowledged, versionsByKey(all, table),
                    "each key's changes arrive exactly once each, in the order they were acknowledged");
            assertNoGapsAndNoDuplicates(all);

            List<ChangeRecord> onTheTopic = ofTable(TopicReader.readAll(stack, CATCH_UP), table);
            assertEquals(acknowledged, versionsByKey(onTheTopic, table),
                    "the topic itself holds each change of the table once (no send repeated through the outage)");
            System.out.printf("outage: %d writes acknowledged, per second of the outage %s; %d records read in order%n",
                    load.acknowledgedCount(), perSecond, all.size());
        }
    }

    /**
     * Writes committed while the broker is away, then item-service killed: after the restart the relay publishes them
     * from the position it had saved. Records it had published but not yet noted as published may reach the topic a
     * second time (at-least-once); the topic has no gap, and consumers see each change once, in order.
     */
    @Test
    void aRecordCommittedButNotPublishedWhenItemServiceDiesIsPublishedAfterTheRestart() throws Exception {
        try (DynamoDbClient client = stack.client();
             ChangeCollector collector = new ChangeCollector(stack, dir.resolve("catchup.db"), "catchup-it")) {
            String table = Tables.createHashTable(client, "catchup", ScalarAttributeType.S);
            int count = 50;
            try {
                stack.stop("kafka"); // nothing committed from here on can be published ...
                for (int i = 0; i < count; i++) {
                    String pk = "k" + i;
                    client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk),
                            "v", AttributeValue.fromN("1"))));
                }
                client.deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("k0"))));
                assertTrue(stack.metric("item-service", "dynamis_relay_lag_records") >= count + 1,
                        "the writes are committed and not yet published");

                stack.kill("item-service"); // ... and the relay dies with them
            } finally {
                stack.start();              // the broker first, then item-service
            }

            List<ChangeRecord> all = collector.await(records -> ofTable(records, table).size() == count + 1,
                    CATCH_UP, "the records committed before the crash");
            List<ChangeRecord> mine = ofTable(all, table);
            assertEquals(count, mine.stream().filter(r -> r.eventName() == ChangeRecord.EventName.INSERT).count());
            List<ChangeRecord> ofK0 = mine.stream()
                    .filter(r -> r.keys().equals(Map.of("pk", io.dynamis.core.model.AttributeValue.s("k0")))).toList();
            assertEquals(List.of(ChangeRecord.EventName.INSERT, ChangeRecord.EventName.REMOVE),
                    ofK0.stream().map(ChangeRecord::eventName).toList(), "k0's changes, in order");
            assertTrue(ofK0.get(0).sequence() < ofK0.get(1).sequence());
            assertNoGapsAndNoDuplicates(all);

            TreeSet<Long> onTheTopic = new TreeSet<>();
            ofTable(TopicReader.readAll(stack, CATCH_UP), table).forEach(r -> onTheTopic.add(r.sequence()));
            TreeSet<Long> committed = new TreeSet<>();
            mine.forEach(r -> committed.add(r.sequence()));
            assertEquals(committed, onTheTopic, "the topic itself holds every change committed before the crash");
        }
    }

    /**
     * The topic has the partitions the relay creates it with (one by default), not the broker's default count: the
     * services' consumers, started before item-service's relay, never create it by asking for it.
     */
    @Test
    void theTopicHasTheRelaysPartitionCount() throws Exception {
        try (DynamoDbClient client = stack.client()) {
            String table = Tables.createHashTable(client, "partitions", ScalarAttributeType.S);
            client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("p1"))));
            assertEquals(1, TopicReader.partitionCount(stack, CATCH_UP));
        }
    }

    private static void awaitAcknowledged(WriteLoad load, long count, String what) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (load.acknowledgedCount() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + ": " + load.acknowledgedCount()
                        + " of " + count + " writes acknowledged, " + load.failures() + " failed");
            }
            Thread.sleep(50);
        }
    }

    private static List<ChangeRecord> ofTable(List<ChangeRecord> records, String table) {
        return records.stream().filter(r -> r.tableName().equals(table)).toList();
    }

    /** Per key of the table, the {@code v} of each change, in the order the records were read. */
    private static Map<String, List<Long>> versionsByKey(List<ChangeRecord> records, String table) {
        Map<String, List<Long>> versions = new HashMap<>();
        for (ChangeRecord record : ofTable(records, table)) {
            String pk = ((io.dynamis.core.model.AttributeValue.Str) record.keys().get("pk")).value();
            var v = (io.dynamis.core.model.AttributeValue.Num) record.newImage().get("v");
            versions.computeIfAbsent(pk, k -> new ArrayList<>()).add(v.value().longValueExact());
        }
        return versions;
    }

    private static String describeDifference(Map<String, List<Long>> expected, Map<String, List<Long>> actual,
            List<ChangeRecord> records) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (String key : new TreeSet<>(expected.keySet())) {
            List<Long> want = expected.get(key);
            List<Long> got = actual.getOrDefault(key, List.of());
            if (!want.equals(got) && shown++ < 5) {
                out.append(key).append(": expected ").append(want.size()).append(" versions, got ").append(got.size())
                        .append("; first expected ").append(want.subList(0, Math.min(8, want.size())))
                        .append(" got ").append(got.subList(0, Math.min(8, got.size()))).append('\n');
            }
        }
        TreeSet<Long> sequences = new TreeSet<>();
        records.forEach(r -> sequences.add(r.sequence()));
        List<Long> gaps = new ArrayList<>();
        for (long s = 1; s <= (sequences.isEmpty() ? 0 : sequences.last()) && gaps.size() < 20; s++) {
            if (!sequences.contains(s)) {
                gaps.add(s);
            }
        }
        out.append("records: ").append(records.size()).append(", distinct sequences: ").append(sequences.size())
                .append(", highest: ").append(sequences.isEmpty() ? 0 : sequences.last()).append(", first gaps: ").append(gaps);
        return out.toString();
    }

    /** What a consumer is handed: the whole log from its start, sequence numbers 1..n, each once (duplicates dropped). */
    private static void assertNoGapsAndNoDuplicates(List<ChangeRecord> records) {
        TreeSet<Long> sequences = new TreeSet<>();
        for (ChangeRecord record : records) {
            assertTrue(sequences.add(record.sequence()), "sequence " + record.sequence() + " handed over twice");
        }
        assertEquals(1, sequences.first());
        assertEquals(sequences.size(), sequences.last(), "no gap in the sequence numbers 1.." + sequences.last());
    }
}
