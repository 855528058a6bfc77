package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** UpdateTable (billing mode, throughput, stream, table class, deletion protection), deletion protection on DeleteTable, DescribeLimits. */
@ExtendWith(StackExtension.class)
class TableUpdatesIT {

    private final DynamoDbClient client;

    TableUpdatesIT(DynamisStack stack) {
        this.client = stack.client();
    }

    private TableDescription describe(String table) {
        return client.describeTable(b -> b.tableName(table)).table();
    }

    @Test
    void throughputChangesAreKeptAndCounted() {
        String table = Tables.createHashTable(client, "upd-throughput", ScalarAttributeType.S);
        client.updateTable(b -> b.tableName(table).billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)));
        long read = describe(table).provisionedThroughput().readCapacityUnits();
        TableDescription answered = client.updateTable(b -> b.tableName(table)
                .provisionedThroughput(p -> p.readCapacityUnits(read + 5).writeCapacityUnits(1L))).tableDescription();
        assertEquals(read + 5, answered.provisionedThroughput().readCapacityUnits());
        TableDescription after = describe(table);
        assertEquals(read + 5, after.provisionedThroughput().readCapacityUnits());
        assertEquals(1L, after.provisionedThroughput().writeCapacityUnits());
        assertNotNull(after.provisionedThroughput().lastIncreaseDateTime());
        assertEquals(1L, after.provisionedThroughput().numberOfDecreasesToday(), "write went from 5 to 1");

        DynamoDbException same = assertThrows(DynamoDbException.class, () -> client.updateTable(b -> b.tableName(table)
                .provisionedThroughput(p -> p.readCapacityUnits(read + 5).writeCapacityUnits(1L))));
        assertTrue(same.awsErrorDetails().errorMessage().startsWith("The provisioned throughput for the table will not"
                + " change."), same.awsErrorDetails().errorMessage());
    }

    @Test
    void billingModeSwitchesBothWays() {
        String table = Tables.createHashTable(client, "upd-billing", ScalarAttributeType.S);
        client.updateTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST));
        TableDescription onDemand = describe(table);
        assertEquals(BillingMode.PAY_PER_REQUEST, onDemand.billingModeSummary().billingMode());
        assertEquals(0L, onDemand.provisionedThroughput().readCapacityUnits());

        DynamoDbException noThroughput = assertThrows(DynamoDbException.class,
                () -> client.updateTable(b -> b.tableName(table).billingMode(BillingMode.PROVISIONED)));
        assertEquals("One or more parameter values were invalid: ProvisionedThroughput must be specified when"
                + " BillingMode is PROVISIONED", noThroughput.awsErrorDetails().errorMessage());
        client.updateTable(b -> b.tableName(table).billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(3L).writeCapacityUnits(4L)));
        assertEquals(3L, describe(table).provisionedThroughput().readCapacityUnits());
    }

    @Test
    void aGlobalIndexThroughputIsUpdatedAndFollowsTheBillingMode() {
        String table = Tables.uniqueName("upd-gsi");
        client.createTable(b -> b.tableName(table)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("g").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                .globalSecondaryIndexes(g -> g.indexName("byG").keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .provisionedThroughput(p -> p.readCapacityUnits(2L).writeCapacityUnits(3L))));
        TableDescription answered = client.updateTable(b -> b.tableName(table).globalSecondaryIndexUpdates(
                u -> u.update(i -> i.indexName("byG").provisionedThroughput(p -> p.readCapacityUnits(7L)
                        .writeCapacityUnits(8L))))).tableDescription();
        assertEquals(7L, answered.globalSecondaryIndexes().get(0).provisionedThroughput().readCapacityUnits());
        assertEquals(8L, describe(table).globalSecondaryIndexes().get(0).provisionedThroughput().writeCapacityUnits());

        Errors.expect(ResourceNotFoundException.class, "ResourceNotFoundException",
                "Requested resource not found: Table: " + table + " index: nope not found",
                () -> client.updateTable(b -> b.tableName(table).globalSecondaryIndexUpdates(
                        u -> u.update(i -> i.indexName("nope").provisionedThroughput(p -> p.readCapacityUnits(1L)
                                .writeCapacityUnits(1L))))));

        client.updateTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST));
        assertEquals(0L, describe(table).globalSecondaryIndexes().get(0).provisionedThroughput().readCapacityUnits());
        Errors.expectValidation("One or more parameter values were invalid: ProvisionedThroughput should not be"
                + " specified for index: byG when BillingMode is PAY_PER_REQUEST",
                () -> client.updateTable(b -> b.tableName(table).globalSecondaryIndexUpdates(
                        u -> u.update(i -> i.indexName("byG").provisionedThroughput(p -> p.readCapacityUnits(1L)
                                .writeCapacityUnits(1L))))));
        Errors.expectValidation("One or more parameter values were invalid: ProvisionedThroughput must be specified"
                + " for index: byG", () -> client.updateTable(b -> b.tableName(table).billingMode(BillingMode.PROVISIONED)
                        .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))));
        client.updateTable(b -> b.tableName(table).billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                .globalSecondaryIndexUpdates(u -> u.update(i -> i.indexName("byG")
                        .provisionedThroughput(p -> p.readCapacityUnits(4L).writeCapacityUnits(4L)))));
        assertEquals(4L, describe(table).globalSecondaryIndexes().get(0).provisionedThroughput().readCapacityUnits());
    }

    @Test
    void anUpdateWithNothingToChangeIsRefused() {
        String table = Tables.createHashTable(client, "upd-nothing", ScalarAttributeType.S);
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> client.updateTable(b -> b.tableName(table)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    }

    @Test
    void streamsAreDescribedOnceEnabled() {
        String table = Tables.createHashTable(client, "upd-stream", ScalarAttributeType.S);
        assertEquals(null, describe(table).latestStreamArn());
        client.updateTable(b -> b.tableName(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        TableDescription described = describe(table);
        assertTrue(described.streamSpecification().streamEnabled());
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, described.streamSpecification().streamViewType());
        assertEquals(described.tableArn() + "/stream/" + described.latestStreamLabel(), described.latestStreamArn());
        DynamoDbException again = assertThrows(DynamoDbException.class, () -> client.updateTable(b -> b.tableName(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))));
        assertEquals("Table already has an enabled stream: TableName: " + table, again.awsErrorDetails().errorMessage());
    }

    @Test
    void deletionProtectionStopsDeleteTableUntilItIsTurnedOff() {
        String table = Tables.createHashTable(client, "upd-protect", ScalarAttributeType.S);
        client.updateTable(b -> b.tableName(table).deletionProtectionEnabled(true).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
        TableDescription described = describe(table);
        assertTrue(described.deletionProtectionEnabled());
        assertEquals(TableClass.STANDARD_INFREQUENT_ACCESS, described.tableClassSummary().tableClass());
        DynamoDbException refused = assertThrows(DynamoDbException.class, () -> client.deleteTable(b -> b.tableName(table)));
        assertEquals("Resource cannot be deleted as it is currently protected against deletion. Disable deletion"
                + " protection first.", refused.awsErrorDetails().errorMessage());
        client.updateTable(b -> b.tableName(table).deletionProtectionEnabled(false));
        client.deleteTable(b -> b.tableName(table));
        assertFalse(client.listTables().tableNames().contains(table));
    }

    @Test
    void describeLimitsAnswersDynamoDbsDefaults() {
        DescribeLimitsResponse limits = client.describeLimits();
        assertEquals(80000L, limits.accountMaxReadCapacityUnits());
        assertEquals(40000L, limits.tableMaxWriteCapacityUnits());
    }
}
