package io.dynamis.it;

import static io.dynamis.it.Tables.attribute;
import static io.dynamis.it.Tables.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Tables declared with local and global secondary indexes: created, described in DynamoDB's shape, and
 * index keys of the wrong type refused at write time. (Reading through an index comes with index
 * maintenance; until then a Query or Scan naming one is refused.)
 */
@ExtendWith(StackExtension.class)
class IndexDefinitionsIT {

    private final DynamoDbClient client;

    IndexDefinitionsIT(DynamisStack stack) {
        this.client = stack.client();
    }

    private String createOrders() {
        String table = Tables.uniqueName("orders");
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("customer", ScalarAttributeType.S), attribute("at", ScalarAttributeType.N),
                        attribute("status", ScalarAttributeType.S), attribute("total", ScalarAttributeType.N))
                .keySchema(key("customer", KeyType.HASH), key("at", KeyType.RANGE))
                .localSecondaryIndexes(l -> l.indexName("byTotal").keySchema(key("customer", KeyType.HASH),
                        key("total", KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                .globalSecondaryIndexes(g -> g.indexName("byStatus").keySchema(key("status", KeyType.HASH),
                        key("at", KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.INCLUDE)
                        .nonKeyAttributes("note"))));
        return table;
    }

    @Test
    void indexesAreDescribedInDynamoDbsShape() {
        String table = createOrders();
        TableDescription described = client.describeTable(b -> b.tableName(table)).table();

        LocalSecondaryIndexDescription local = described.localSecondaryIndexes().get(0);
        assertEquals("byTotal", local.indexName());
        assertEquals(List.of(key("customer", KeyType.HASH), key("total", KeyType.RANGE)), local.keySchema());
        assertEquals(ProjectionType.KEYS_ONLY, local.projection().projectionType());
        assertEquals(described.tableArn() + "/index/byTotal", local.indexArn());

        GlobalSecondaryIndexDescription global = described.globalSecondaryIndexes().get(0);
        assertEquals("byStatus", global.indexName());
        assertEquals(IndexStatus.ACTIVE, global.indexStatus());
        assertEquals(ProjectionType.INCLUDE, global.projection().projectionType());
        assertEquals(List.of("note"), global.projection().nonKeyAttributes());
        assertEquals(4, described.attributeDefinitions().size());
    }

    @Test
    void indexKeysOfTheWrongTypeAreRefusedAtWriteTime() {
        String table = createOrders();
        DynamoDbException put = assertThrows(DynamoDbException.class, () -> client.putItem(b -> b.tableName(table).item(Map.of(
                "customer", AttributeValue.fromS("c1"), "at", AttributeValue.fromN("1"), "status", AttributeValue.fromN("7")))));
        assertEquals("One or more parameter values were invalid: Type mismatch for Index Key status Expected: S Actual: N"
                + " IndexName: byStatus", put.awsErrorDetails().errorMessage());
        DynamoDbException update = assertThrows(DynamoDbException.class, () -> client.updateItem(b -> b.tableName(table)
                .key(Map.of("customer", AttributeValue.fromS("c1"), "at", AttributeValue.fromN("1")))
                .updateExpression("SET #t = :t").expressionAttributeNames(Map.of("#t", "total"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("lots")))));
        assertEquals("One or more parameter values were invalid: Type mismatch for Index Key total Expected: N Actual: S"
                + " IndexName: byTotal", update.awsErrorDetails().errorMessage());
        // an item without the index keys is fine: it is simply not in those indexes
        client.putItem(b -> b.tableName(table).item(Map.of("customer", AttributeValue.fromS("c1"), "at", AttributeValue.fromN("2"))));
    }

    @Test
    void aLocalIndexNeedsATableSortKey() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> client.createTable(b -> b
                .tableName(Tables.uniqueName("nolsi")).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("other", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH))
                .localSecondaryIndexes(l -> l.indexName("byOther").keySchema(key("pk", KeyType.HASH),
                        key("other", KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.ALL)))));
        assertEquals("One or more parameter values were invalid: Table KeySchema does not have a range key, which is"
                + " required when specifying a LocalSecondaryIndex", e.awsErrorDetails().errorMessage());
    }
}
