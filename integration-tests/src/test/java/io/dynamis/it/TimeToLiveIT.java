package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.change.ChangeRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Time to live: UpdateTimeToLive / DescribeTimeToLive with DynamoDB's rules, and the sweeper really
 * deleting expired items (the stack runs it every second) as service deletions in the change log.
 */
@ExtendWith(StackExtension.class)
class TimeToLiveIT {

    private final DynamisStack stack;
    private final DynamoDbClient client;

    TimeToLiveIT(DynamisStack stack) {
        this.stack = stack;
        this.client = stack.client();
    }

    private void enable(String table, String attribute) {
        client.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(s -> s.enabled(true).attributeName(attribute)));
    }

    private Map<String, AttributeValue> item(String pk, AttributeValue expires) {
        return expires == null ? Map.of("pk", AttributeValue.fromS(pk))
                : Map.of("pk", AttributeValue.fromS(pk), "expires", expires);
    }

    private boolean exists(String table, String pk) {
        return client.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk)))).hasItem();
    }

    @Test
    void describeTimeToLiveFollowsUpdates() {
        String table = Tables.createHashTable(client, "ttl-describe", ScalarAttributeType.S);
        TimeToLiveDescription before = client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.DISABLED, before.timeToLiveStatus());

        var answer = client.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
        assertTrue(answer.timeToLiveSpecification().enabled());
        assertEquals("expires", answer.timeToLiveSpecification().attributeName());
        TimeToLiveDescription after = client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, after.timeToLiveStatus());
        assertEquals("expires", after.attributeName());

        client.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(s -> s.enabled(false).attributeName("expires")));
        assertEquals(TimeToLiveStatus.DISABLED,
                client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription().timeToLiveStatus());
    }

    @Test
    void updatesThatChangeNothingAreRefused() {
        String table = Tables.createHashTable(client, "ttl-rules", ScalarAttributeType.S);
        DynamoDbException disabled = assertThrows(DynamoDbException.class, () -> client.updateTimeToLive(b -> b
                .tableName(table).timeToLiveSpecification(s -> s.enabled(false).attributeName("expires"))));
        assertEquals("TimeToLive is already disabled", disabled.awsErrorDetails().errorMessage());
        enable(table, "expires");
        DynamoDbException again = assertThrows(DynamoDbException.class, () -> enable(table, "expires"));
        assertEquals("ValidationException", again.awsErrorDetails().errorCode());
        assertEquals("TimeToLive is already enabled", again.awsErrorDetails().errorMessage());
        DynamoDbException other = assertThrows(DynamoDbException.class, () -> enable(table, "other"));
        assertEquals("TimeToLive is active on a different AttributeName: current AttributeName is expires",
                other.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class, () -> client.describeTimeToLive(b -> b.tableName("no-such-table")));
    }

    @Test
    @ServicesTopologyOnly // reads the change log from the broker
    void expiredItemsAreDeletedAsServiceDeletionsAndNothingElseIsTouched(@TempDir Path dir) throws Exception {
        try (ChangeCollector changes = new ChangeCollector(stack, dir.resolve("ttl.db"), "ttl-it")) {
            String table = Tables.createHashTable(client, "ttl-sweep", ScalarAttributeType.S);
            long now = System.currentTimeMillis() / 1000;
            client.putItem(b -> b.tableName(table).item(item("past", AttributeValue.fromN(Long.toString(now - 60)))));
            client.putItem(b -> b.tableName(table).item(item("future", AttributeValue.fromN(Long.toString(now + 3600)))));
            client.putItem(b -> b.tableName(table).item(item("text", AttributeValue.fromS(Long.toString(now - 60)))));
            client.putItem(b -> b.tableName(table).item(item("missing", null)));
            client.putItem(b -> b.tableName(table).item(item("ancient",
                    AttributeValue.fromN(Long.toString(now - 6L * 365 * 24 * 3600)))));
            client.putItem(b -> b.tableName(table).item(item("soon", AttributeValue.fromN(Long.toString(now + 2)))));
            enable(table, "expires");

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((exists(table, "past") || exists(table, "soon")) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertFalse(exists(table, "past"), "an item expired a minute ago is deleted");
            assertFalse(exists(table, "soon"), "an item that expires while TTL is on is deleted");
            for (String kept : List.of("future", "text", "missing", "ancient")) {
                assertTrue(exists(table, kept), kept + " is never touched");
            }

            List<ChangeRecord> records = changes.await(rs -> rs.stream().filter(r -> r.tableName().equals(table)
                    && r.eventName() == ChangeRecord.EventName.REMOVE).count() == 2, Duration.ofSeconds(30),
                    "the two TTL deletions");
            for (ChangeRecord removal : records.stream().filter(r -> r.tableName().equals(table)
                    && r.eventName() == ChangeRecord.EventName.REMOVE).toList()) {
                assertEquals(ChangeRecord.Origin.TIME_TO_LIVE, removal.origin());
                assertTrue(removal.oldImage().containsKey("expires"), "the old image shows what expired");
            }
        }
    }
}
