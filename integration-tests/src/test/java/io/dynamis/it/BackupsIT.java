package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.BackupStatus;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BackupType;
import software.amazon.awssdk.services.dynamodb.model.BackupTypeFilter;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;

/** On-demand backups: CreateBackup, DescribeBackup, ListBackups, DeleteBackup, RestoreTableFromBackup, and the backup a deleted protected table leaves. */
@ExtendWith(StackExtension.class)
class BackupsIT {

    private final DynamisStack stack;

    BackupsIT(DynamisStack stack) {
        this.stack = stack;
    }

    @Test
    void aBackupHoldsTheTableAsItWasAndRestoresIntoANewTableWithItsIndexes() throws Exception {
        try (DynamoDbClient client = stack.client()) {
            String table = PointInTimeRecoveryIT.createIndexedTable(client, "backup-roundtrip");
            Map<String, Map<String, AttributeValue>> expected = write(client, table, 0, 30);
            BackupDetails details = client.createBackup(b -> b.tableName(table).backupName("nightly.1")).backupDetails();
            assertEquals("nightly.1", details.backupName());
            assertEquals(BackupStatus.AVAILABLE, details.backupStatus());
            assertEquals(BackupType.USER, details.backupType());
            assertTrue(details.backupArn().contains(":table/" + table + "/backup/"), details.backupArn());
            write(client, table, 100, 10); // after the backup: not in it

            BackupDescription description = client.describeBackup(b -> b.backupArn(details.backupArn())).backupDescription();
            assertEquals(table, description.sourceTableDetails().tableName());
            assertEquals(30L, description.sourceTableDetails().itemCount());
            assertEquals(PointInTimeRecoveryIT.LSI,
                    description.sourceTableFeatureDetails().localSecondaryIndexes().get(0).indexName());
            assertEquals(PointInTimeRecoveryIT.GSI,
                    description.sourceTableFeatureDetails().globalSecondaryIndexes().get(0).indexName());

            String target = table + "-restored";
            TableDescription created = client.restoreTableFromBackup(b -> b.backupArn(details.backupArn())
                    .targetTableName(target)).tableDescription();
            assertEquals(details.backupArn(), created.restoreSummary().sourceBackupArn());
            assertTrue(created.restoreSummary().restoreInProgress());
            PointInTimeRecoveryIT.awaitActive(client, target);
            PointInTimeRecoveryIT.assertSameState(client, target, expected, "restored from backup");

            Errors.expect(TableAlreadyExistsException.class, "TableAlreadyExistsException", "Table already exists: " + target,
                    () -> client.restoreTableFromBackup(b -> b.backupArn(details.backupArn()).targetTableName(target)));

            BackupDescription deleted = client.deleteBackup(b -> b.backupArn(details.backupArn())).backupDescription();
            assertEquals(BackupStatus.DELETED, deleted.backupDetails().backupStatus());
            Errors.expect(BackupNotFoundException.class, "BackupNotFoundException", "Backup not found: " + details.backupArn(),
                    () -> client.describeBackup(b -> b.backupArn(details.backupArn())));
            Errors.expect(BackupNotFoundException.class, "BackupNotFoundException", "Backup not found: " + details.backupArn(),
                    () -> client.restoreTableFromBackup(b -> b.backupArn(details.backupArn()).targetTableName(target + "2")));
        }
    }

    @Test
    void listBackupsFiltersByTableTypeAndTimeAndPages() {
        try (DynamoDbClient client = stack.client()) {
            String table = Tables.createHashTable(client, "backup-list", ScalarAttributeType.S);
            String other = Tables.createHashTable(client, "backup-list-other", ScalarAttributeType.S);
            Instant start = Instant.now().minusSeconds(1);
            for (int i = 0; i < 3; i++) {
                int n = i;
                client.createBackup(b -> b.tableName(table).backupName("b" + n + "-x"));
            }
            client.createBackup(b -> b.tableName(other).backupName("other"));

            List<BackupSummary> ofTable = client.listBackups(b -> b.tableName(table)).backupSummaries();
            assertEquals(List.of("b0-x", "b1-x", "b2-x"), ofTable.stream().map(BackupSummary::backupName).toList());
            assertEquals(table, ofTable.get(0).tableName());

            ListBackupsResponse page1 = client.listBackups(b -> b.tableName(table).limit(2));
            assertEquals(2, page1.backupSummaries().size());
            assertNotNull(page1.lastEvaluatedBackupArn());
            ListBackupsResponse page2 = client.listBackups(b -> b.tableName(table).limit(2)
                    .exclusiveStartBackupArn(page1.lastEvaluatedBackupArn()));
            assertEquals(List.of("b2-x"), page2.backupSummaries().stream().map(BackupSummary::backupName).toList());
            assertNull(page2.lastEvaluatedBackupArn());

            assertTrue(client.listBackups(b -> b.tableName(table).backupType(BackupTypeFilter.SYSTEM))
                    .backupSummaries().isEmpty());
            assertEquals(3, client.listBackups(b -> b.tableName(table).backupType(BackupTypeFilter.ALL))
                    .backupSummaries().size());
            assertTrue(client.listBackups(b -> b.tableName(table).timeRangeUpperBound(start)).backupSummaries().isEmpty());
            assertEquals(3, client.listBackups(b -> b.tableName(table).timeRangeLowerBound(start))
                    .backupSummaries().size());
        }
    }

    @Test
    void backupErrorsAreDynamoDbErrors() {
        try (DynamoDbClient client = stack.client()) {
            Errors.expect(TableNotFoundException.class, "TableNotFoundException", "Table not found: no-such-table",
                    () -> client.createBackup(b -> b.tableName("no-such-table").backupName("b1-x")));
            String table = Tables.createHashTable(client, "backup-errors", ScalarAttributeType.S);
            Errors.expectValidation("1 validation error detected: Value 'bad name!' at 'backupName' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                    () -> client.createBackup(b -> b.tableName(table).backupName("bad name!")));
            String missing = "arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/backup/01700000000000-abcdef12";
            Errors.expect(BackupNotFoundException.class, "BackupNotFoundException", "Backup not found: " + missing,
                    () -> client.deleteBackup(b -> b.backupArn(missing)));
        }
    }

    @Test
    void deletingATableWithPointInTimeRecoveryKeepsARestorableBackupOfItsLastState() throws Exception {
        try (DynamoDbClient client = stack.client()) {
            String table = PointInTimeRecoveryIT.createIndexedTable(client, "backup-deleted");
            PointInTimeRecoveryIT.enablePointInTimeRecovery(client, table);
            Map<String, Map<String, AttributeValue>> expected = write(client, table, 0, 25);
            client.deleteItem(b -> b.tableName(table).key(Items.item("pk", Items.s("p1"), "sk", Items.n(1))));
            expected.remove("p1/1");
            client.deleteTable(b -> b.tableName(table));

            BackupSummary kept = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (kept == null && System.nanoTime() < deadline) {
                List<BackupSummary> system = client.listBackups(b -> b.tableName(table).backupType(BackupTypeFilter.SYSTEM))
                        .backupSummaries();
                kept = system.isEmpty() ? null : system.get(0);
                Thread.sleep(250);
            }
            assertNotNull(kept, "a SYSTEM backup of the deleted table appears");
            assertEquals(table + "$DeletedTableBackup", kept.backupName());
            assertEquals(BackupType.SYSTEM, kept.backupType());
            String arn = kept.backupArn();
            client.restoreTableFromBackup(b -> b.backupArn(arn).targetTableName(table + "-back"));
            PointInTimeRecoveryIT.awaitActive(client, table + "-back");
            PointInTimeRecoveryIT.assertSameState(client, table + "-back", expected, "the deleted table's last state");
        }
    }

    /** Puts {@code count} items into partitions p0..p2 with both index keys. */
    static Map<String, Map<String, AttributeValue>> write(DynamoDbClient client, String table, int from, int count) {
        Map<String, Map<String, AttributeValue>> written = new HashMap<>();
        for (int i = from; i < from + count; i++) {
            Map<String, AttributeValue> item = Items.item("pk", Items.s("p" + i % 3), "sk", Items.n(i),
                    "lv", Items.n(i * 7 % 11), "g", Items.s("g" + i % 2), "gv", Items.n(i));
            client.putItem(b -> b.tableName(table).item(item));
            written.put("p" + i % 3 + "/" + i, item);
        }
        return written;
    }
}
