package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** CreateTable, DescribeTable, ListTables and DeleteTable through the gateway, and their errors. */
@ExtendWith(StackExtension.class)
class TableLifecycleIT {

    private final DynamoDbClient client;

    TableLifecycleIT(DynamisStack stack) {
        this.client = stack.client();
    }

    @Test
    void createdTableIsDescribedWithItsSchema() {
        String name = Tables.uniqueName("described");
        CreateTableResponse created = client.createTable(CreateTableRequest.builder()
                .tableName(name)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("at").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("at").attributeType(ScalarAttributeType.N).build())
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(7L).build())
                .build());
        assertEquals(name, created.tableDescription().tableName());

        TableDescription table = client.describeTable(b -> b.tableName(name)).table();
        assertEquals(name, table.tableName());
        assertEquals(TableStatus.ACTIVE, table.tableStatus());
        assertEquals(List.of(
                KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("at").keyType(KeyType.RANGE).build()), table.keySchema());
        assertEquals(2, table.attributeDefinitions().size());
        assertEquals(5L, table.provisionedThroughput().readCapacityUnits());
        assertEquals(7L, table.provisionedThroughput().writeCapacityUnits());
        assertEquals(0L, table.provisionedThroughput().numberOfDecreasesToday());
        assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/" + name, table.tableArn());
        assertNotNull(table.tableId());
        assertNotNull(table.creationDateTime());
        assertEquals(0L, table.itemCount());
        assertEquals(0L, table.tableSizeBytes());
    }

    @Test
    void onDemandTableReportsItsBillingMode() {
        String name = Tables.createHashTable(client, "ondemand", ScalarAttributeType.S);
        TableDescription table = client.describeTable(b -> b.tableName(name)).table();
        assertEquals(BillingMode.PAY_PER_REQUEST, table.billingModeSummary().billingMode());
        assertEquals(0L, table.provisionedThroughput().readCapacityUnits());
    }

    @Test
    void creatingAnExistingTableIsResourceInUse() {
        String name = Tables.createHashTable(client, "twice", ScalarAttributeType.S);
        ResourceInUseException e = assertThrows(ResourceInUseException.class, () -> client.createTable(b -> b
                .tableName(name)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        assertEquals("Table already exists: " + name, e.awsErrorDetails().errorMessage());
    }

    @Test
    void describingAMissingTableIsResourceNotFound() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> client.describeTable(b -> b.tableName("no-such-table")));
        assertEquals("Requested resource not found: Table: no-such-table not found", e.awsErrorDetails().errorMessage());
    }

    @Test
    void deletedTableIsGoneAndItsNameCanBeReused() {
        String name = Tables.createHashTable(client, "deleted", ScalarAttributeType.S);
        client.putItem(b -> b.tableName(name).item(java.util.Map.of("pk",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x"))));
        DeleteTableResponse deleted = client.deleteTable(b -> b.tableName(name));
        assertEquals(name, deleted.tableDescription().tableName());
        assertEquals(TableStatus.DELETING, deleted.tableDescription().tableStatus());
        assertThrows(ResourceNotFoundException.class, () -> client.describeTable(b -> b.tableName(name)));
        assertFalse(client.listTables().tableNames().contains(name));
        assertThrows(ResourceNotFoundException.class, () -> client.deleteTable(b -> b.tableName(name)));

        client.createTable(b -> b.tableName(name)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        assertFalse(client.getItem(b -> b.tableName(name).key(java.util.Map.of("pk",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x")))).hasItem(),
                "a table created again under the same name starts empty");
        assertEquals(0L, client.describeTable(b -> b.tableName(name)).table().itemCount());
    }

    @Test
    void listTablesPagesInNameOrder() {
        String prefix = Tables.uniqueName("page");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = prefix + "-" + i;
            client.createTable(b -> b.tableName(name)
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            created.add(name);
        }
        List<String> seen = new ArrayList<>();
        String start = null;
        do {
            String exclusiveStart = start;
            ListTablesResponse page = client.listTables(b -> b.limit(2).exclusiveStartTableName(exclusiveStart));
            assertTrue(page.tableNames().size() <= 2);
            seen.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(String::compareTo);
        assertEquals(sorted, seen, "ListTables answers names in ascending order");
        assertTrue(seen.containsAll(created));
        assertNull(client.listTables(b -> b.exclusiveStartTableName(seen.get(seen.size() - 1))).lastEvaluatedTableName());
    }

    @Test
    void listTablesRejectsALimitAboveOneHundred() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> client.listTables(b -> b.limit(101)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("1 validation error detected: Value '101' at 'limit' failed to satisfy constraint:"
                + " Member must have value less than or equal to 100", e.awsErrorDetails().errorMessage());
    }

    /**
     * DescribeTable, UpdateTable and the backup operations report every TableName constraint in DynamoDB's current
     * {@code N validation errors detected} form, as CreateTable, DeleteTable and the item operations do (DynamoDB Local's
     * older plain "TableName must be at least 3 characters long and at most 255 characters long" is gone).
     */
    @Test
    void tableAndBackupOperationsReportEveryTableNameViolation() {
        String both = "2 validation errors detected: Value 'a$' at 'tableName' failed to satisfy constraint:"
                + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a$' at 'tableName'"
                + " failed to satisfy constraint: Member must have length greater than or equal to 3";
        Errors.expectValidation(both, () -> client.describeTable(b -> b.tableName("a$")));
        Errors.expectValidation(both, () -> client.updateTable(b -> b.tableName("a$").deletionProtectionEnabled(true)));
        Errors.expectValidation(both, () -> client.createBackup(b -> b.tableName("a$").backupName("bkp")));
        Errors.expectValidation(both, () -> client.describeContinuousBackups(b -> b.tableName("a$")));
        Errors.expectValidation(both, () -> client.updateContinuousBackups(b -> b.tableName("a$")
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true))));
        String tooLong = "t".repeat(256);
        Errors.expectValidation("1 validation error detected: Value '" + tooLong + "' at 'tableName' failed to satisfy"
                + " constraint: Member must have length less than or equal to 255",
                () -> client.describeTable(b -> b.tableName(tooLong)));
        Errors.expectValidation("1 validation error detected: Value 'abc$' at 'tableName' failed to satisfy constraint:"
                + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                () -> client.describeTable(b -> b.tableName("abc$")));
    }

    @Test
    void deleteTableReportsEveryTableNameViolationAsTheItemOperationsDo() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> client.deleteTable(b -> b.tableName("a$")));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("2 validation errors detected: Value 'a$' at 'tableName' failed to satisfy constraint:"
                + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a$' at 'tableName'"
                + " failed to satisfy constraint: Member must have length greater than or equal to 3",
                e.awsErrorDetails().errorMessage());
        DynamoDbException tooLong = assertThrows(DynamoDbException.class,
                () -> client.deleteTable(b -> b.tableName("t".repeat(256))));
        assertEquals("1 validation error detected: Value '" + "t".repeat(256) + "' at 'tableName' failed to satisfy"
                + " constraint: Member must have length less than or equal to 255", tooLong.awsErrorDetails().errorMessage());
    }

    @Test
    void itemOperationsReportEveryTableNameViolation() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> client.getItem(b -> b.tableName("a$")
                .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x")))));
        assertEquals("2 validation errors detected: Value 'a$' at 'tableName' failed to satisfy constraint:"
                + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a$' at 'tableName'"
                + " failed to satisfy constraint: Member must have length greater than or equal to 3",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void keySchemaMustStartWithAHashKey() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> client.createTable(b -> b
                .tableName(Tables.uniqueName("badkeys"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("Invalid KeySchema: The first KeySchemaElement is not a HASH key type", e.awsErrorDetails().errorMessage());
    }

    @Test
    void keyAttributesMustBeDefined() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> client.createTable(b -> b
                .tableName(Tables.uniqueName("undefined"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("other").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("One or more parameter values were invalid: Some index key attributes are not defined in"
                + " AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]", e.awsErrorDetails().errorMessage());
    }

    @Test
    void attributeDefinitionsMayNotDefineNonKeyAttributes() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> client.createTable(b -> b
                .tableName(Tables.uniqueName("extra"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("x").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        assertEquals("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly"
                + " match number of attributes defined in AttributeDefinitions", e.awsErrorDetails().errorMessage());
    }

    @Test
    void provisionedTablesNeedThroughputAndOnDemandTablesRefuseIt() {
        DynamoDbException missing = assertThrows(DynamoDbException.class, () -> client.createTable(b -> b
                .tableName(Tables.uniqueName("prov"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PROVISIONED)));
        assertEquals("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both"
                + " be specified when BillingMode is PROVISIONED", missing.awsErrorDetails().errorMessage());
        DynamoDbException refused = assertThrows(DynamoDbException.class, () -> client.createTable(b -> b
                .tableName(Tables.uniqueName("ppr"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(1L).writeCapacityUnits(1L).build())));
        assertEquals("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits"
                + " can be specified when BillingMode is PAY_PER_REQUEST", refused.awsErrorDetails().errorMessage());
    }
}
