package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Errors.expectValidationStartingWith;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Which single error DynamoDB answers for a request with several problems, where public threads show what DynamoDB
 * answered: the request is validated (its constraints, its expressions) before a table is looked up, and a transaction's
 * items are validated before the transaction runs. (PutItem, UpdateItem and DeleteItem: {@code ItemBasicsIT}; duplicate
 * keys of BatchGetItem: {@code BatchGetItemIT}.)
 */
@ExtendWith(StackExtension.class)
class ValidationOrderIT {

    private final DynamoDbClient client;

    ValidationOrderIT(DynamisStack stack) {
        this.client = stack.client();
    }

    private static String missingTable() {
        return Tables.uniqueName("missing");
    }

    /** An expression's error comes before the table's existence (observed against DynamoDB: extenddb#192). */
    @Test
    void queryAndScanCheckTheirExpressionsBeforeTheTable() {
        expectValidation("Invalid KeyConditionExpression: An expression attribute value used in expression is not defined;"
                + " attribute value: :a", () -> client.query(b -> b.tableName(missingTable()).keyConditionExpression("pk = :a")));
        expectValidation("Invalid FilterExpression: An expression attribute value used in expression is not defined;"
                + " attribute value: :b", () -> client.scan(b -> b.tableName(missingTable()).filterExpression("a = :b")));
    }

    /** More than 25 writes is a constraint violation, answered before any table is looked up (boto3#483 shows its words). */
    @Test
    void batchWriteItemCountsItsWritesBeforeTheTable() {
        List<WriteRequest> writes = IntStream.range(0, 26).mapToObj(i -> WriteRequest.builder().putRequest(PutRequest
                .builder().item(Map.of("pk", AttributeValue.fromS("k" + i))).build()).build()).toList();
        expectValidationStartingWith("1 validation error detected: Value '{", () -> client.batchWriteItem(b -> b
                .requestItems(Map.of(missingTable(), writes))));
    }

    /**
     * A transaction item's key of the wrong type is a ValidationException of the request, not a cancellation: input
     * validation runs before the transaction (paritysuite/dynamodb-conformance#45, checked against DynamoDB).
     */
    @Test
    void aTransactionsItemsAreValidatedBeforeItRuns() {
        String table = Tables.createHashTable(client, "tx-order", ScalarAttributeType.S);
        expectValidation("One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
                () -> client.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS("ok"))))
                                .build(),
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromN("1"))))
                                .build())));
    }
}
