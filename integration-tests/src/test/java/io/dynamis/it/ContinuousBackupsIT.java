package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.InvalidRestoreTimeException;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;

/** UpdateContinuousBackups, DescribeContinuousBackups and RestoreTableToPointInTime: shapes, options and errors. */
@ExtendWith(StackExtension.class)
class ContinuousBackupsIT {

    private final DynamisStack stack;

    ContinuousBackupsIT(DynamisStack stack) {
        this.stack = stack;
    }

    @Test
    void pointInTimeRecoveryIsOffUntilEnabledAndThenShowsItsWindow() {
        try (DynamoDbClient client = stack.client()) {
            String table = Tables.createHashTable(client, "pitr-window", ScalarAttributeType.S);
            ContinuousBackupsDescription off = client.describeContinuousBackups(b -> b.tableName(table))
                    .continuousBackupsDescription();
            assertEquals("ENABLED", off.continuousBackupsStatusAsString());
            assertEquals(PointInTimeRecoveryStatus.DISABLED, off.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus());
            assertNull(off.pointInTimeRecoveryDescription().earliestRestorableDateTime());

            Instant before = Instant.now().minusSeconds(1);
            ContinuousBackupsDescription on = client.updateContinuousBackups(b -> b.tableName(table)
                    .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(7)))
                    .continuousBackupsDescription();
            assertEquals(PointInTimeRecoveryStatus.ENABLED, on.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus());
            assertEquals(7, on.pointInTimeRecoveryDescription().recoveryPeriodInDays());
            Instant earliest = on.pointInTimeRecoveryDescription().earliestRestorableDateTime();
            Instant latest = on.pointInTimeRecoveryDescription().latestRestorableDateTime();
            assertTrue(earliest.isAfter(before), "the window starts when recovery is enabled");
            assertFalse(latest.isBefore(earliest));
            assertTrue(latest.isAfter(Instant.now().minusSeconds(10)), "the latest restorable time is seconds behind now");

            ContinuousBackupsDescription disabled = client.updateContinuousBackups(b -> b.tableName(table)
                    .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(false)))
                    .continuousBackupsDescription();
            assertEquals(PointInTimeRecoveryStatus.DISABLED, disabled.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus());
        }
    }

    @Test
    void aTableThatNeverEnabledRecoveryIsDisabledEvenWhereAnEarlierTableOfItsNameHadIt() {
        try (DynamoDbClient client = stack.client()) {
            String table = Tables.uniqueName("pitr-never");
            Tables.createNamedHashTable(client, table);
            assertDisabled(client.describeContinuousBackups(b -> b.tableName(table)).continuousBackupsDescription());
            PointInTimeRecoveryIT.enablePointInTimeRecovery(client, table);
            client.deleteTable(b -> b.tableName(table));
            Tables.createNamedHashTable(client, table);
            assertDisabled(client.describeContinuousBackups(b -> b.tableName(table)).continuousBackupsDescription());
            assertDisabled(client.describeContinuousBackups(b -> b.tableName(table)).continuousBackupsDescription());
        }
    }

    /** DynamoDB's description of a table without point-in-time recovery: the status alone, no window. */
    private static void assertDisabled(ContinuousBackupsDescription description) {
        assertEquals("ENABLED", description.continuousBackupsStatusAsString());
        assertEquals(PointInTimeRecoveryStatus.DISABLED, description.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus());
        assertNull(description.pointInTimeRecoveryDescription().recoveryPeriodInDays());
        assertNull(description.pointInTimeRecoveryDescription().earliestRestorableDateTime());
        assertNull(description.pointInTimeRecoveryDescription().latestRestorableDateTime());
    }

    @Test
    void continuousBackupOperationsOnAMissingTableAreTableNotFound() {
        try (DynamoDbClient client = stack.client()) {
            Errors.expect(TableNotFoundException.class, "TableNotFoundException", "Table not found: no-such-table",
                    () -> client.describeContinuousBackups(b -> b.tableName("no-such-table")));
            Errors.expect(TableNotFoundException.class, "TableNotFoundException", "Table not found: no-such-table",
                    () -> client.updateContinuousBackups(b -> b.tableName("no-such-table")
                            .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true))));
            Errors.expect(TableNotFoundException.class, "TableNotFoundException", "Table not found: no-such-table",
                    () -> client.restoreTableToPointInTime(b -> b.sourceTableName("no-such-table")
                            .targetTableName("anything").useLatestRestorableTime(true)));
        }
    }

    @Test
    void badRequestsAreValidationErrors() {
        try (DynamoDbClient client = stack.client()) {
            String table = Tables.createHashTable(client, "pitr-bad", ScalarAttributeType.S);
            Errors.expectValidation("1 validation error detected: Value null at 'pointInTimeRecoverySpecification'"
                    + " failed to satisfy constraint: Member must not be null",
                    () -> client.updateContinuousBackups(b -> b.tableName(table)));
            Errors.expectValidation("1 validation error detected: Value '36' at"
                    + " 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint:"
                    + " Member must have value less than or equal to 35",
                    () -> client.updateContinuousBackups(b -> b.tableName(table).pointInTimeRecoverySpecification(
                            p -> p.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(36))));
        }
    }

    @Test
    void restoringATableWithoutPointInTimeRecoveryIsUnavailable() {
        try (DynamoDbClient client = stack.client()) {
            String table = Tables.createHashTable(client, "pitr-off", ScalarAttributeType.S);
            Errors.expect(PointInTimeRecoveryUnavailableException.class, "PointInTimeRecoveryUnavailableException",
                    "Point in time recovery is not enabled for table '" + table + "'",
                    () -> client.restoreTableToPointInTime(b -> b.sourceTableName(table)
                            .targetTableName(table + "-copy").useLatestRestorableTime(true)));
        }
    }

    @Test
    void restoringIntoAnExistingTableOrOutsideTheWindowFails() throws Exception {
        try (DynamoDbClient client = stack.client()) {
            String table = Tables.createHashTable(client, "pitr-errors", ScalarAttributeType.S);
            String other = Tables.createHashTable(client, "pitr-taken", ScalarAttributeType.S);
            PointInTimeRecoveryIT.enablePointInTimeRecovery(client, table);
            Errors.expect(TableAlreadyExistsException.class, "TableAlreadyExistsException", "Table already exists: " + other,
                    () -> client.restoreTableToPointInTime(b -> b.sourceTableName(table).targetTableName(other)
                            .useLatestRestorableTime(true)));
            InvalidRestoreTimeException early = Errors.expect(InvalidRestoreTimeException.class,
                    "InvalidRestoreTimeException", null,
                    () -> client.restoreTableToPointInTime(b -> b.sourceTableName(table).targetTableName(table + "-x")
                            .restoreDateTime(Instant.now().minusSeconds(3600))));
            assertTrue(early.awsErrorDetails().errorMessage().startsWith(
                    "RestoreDateTime must be between EarliestRestorableDateTime and LatestRestorableDateTime"));
            Errors.expect(InvalidRestoreTimeException.class, "InvalidRestoreTimeException", null,
                    () -> client.restoreTableToPointInTime(b -> b.sourceTableName(table).targetTableName(table + "-y")
                            .restoreDateTime(Instant.now().plusSeconds(3600))));
        }
    }

    @Test
    void theLatestRestorableTimeRestoresTheLastWriteAndOverridesApply() throws Exception {
        try (DynamoDbClient client = stack.client()) {
            String table = PointInTimeRecoveryIT.createProtectedTable(client, "pitr-latest");
            Map<String, Map<String, AttributeValue>> expected = new HashMap<>();
            for (int i = 0; i < 20; i++) {
                Map<String, AttributeValue> item = Items.item("pk", Items.s("p" + i % 3), "sk", Items.n(i),
                        "lv", Items.n(i), "g", Items.s("g"), "gv", Items.n(i));
                client.putItem(b -> b.tableName(table).item(item));
                expected.put("p" + i % 3 + "/" + i, item);
            }
            String arn = client.describeTable(b -> b.tableName(table)).table().tableArn();
            String target = table + "-latest";
            PointInTimeRecoveryIT.awaitRestorable(client, table, Instant.now()); // the last write is restorable
            TableDescription created = client.restoreTableToPointInTime(b -> b.sourceTableArn(arn)
                    .targetTableName(target).useLatestRestorableTime(true)
                    .billingModeOverride(BillingMode.PROVISIONED)
                    .provisionedThroughputOverride(p -> p.readCapacityUnits(7L).writeCapacityUnits(3L))
                    .globalSecondaryIndexOverride(List.of())).tableDescription();
            assertEquals(arn, created.restoreSummary().sourceTableArn());
            TableDescription restored = PointInTimeRecoveryIT.awaitActive(client, target);
            // the source is on demand; DescribeTable of a PROVISIONED table carries no BillingModeSummary
            assertEquals(BillingMode.PAY_PER_REQUEST,
                    client.describeTable(b -> b.tableName(table)).table().billingModeSummary().billingMode());
            assertNull(restored.billingModeSummary(), "the restored table is PROVISIONED");
            assertEquals(7L, restored.provisionedThroughput().readCapacityUnits());
            assertEquals(3L, restored.provisionedThroughput().writeCapacityUnits());
            assertFalse(restored.hasGlobalSecondaryIndexes(), "the global index override leaves none");
            assertEquals(PointInTimeRecoveryIT.LSI, restored.localSecondaryIndexes().get(0).indexName());
            assertEquals(PointInTimeRecoveryIT.normalized(expected.values()),
                    PointInTimeRecoveryIT.normalized(PointInTimeRecoveryIT.scan(client, target, null)));
        }
    }
}
