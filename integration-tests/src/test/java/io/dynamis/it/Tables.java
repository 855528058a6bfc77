package io.dynamis.it;

import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Test tables: unique names, and the usual shapes. */
final class Tables {

    private Tables() {
    }

    /** One KeySchema element. */
    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /** One AttributeDefinitions element. */
    static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A table with a partition key only. */
    static String createHashTable(DynamoDbClient client, String prefix, ScalarAttributeType type) {
        String name = uniqueName(prefix);
        client.createTable(CreateTableRequest.builder()
                .tableName(name)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(type).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build());
        return name;
    }

    /** A table of that exact name with a string partition key {@code pk}, unless one exists already. */
    static void createNamedHashTable(DynamoDbClient client, String name) {
        try {
            client.createTable(CreateTableRequest.builder()
                    .tableName(name)
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .build());
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException e) {
            // created by an earlier test of this run
        }
    }

    /** A table with a string partition key and a number sort key. */
    static String createHashRangeTable(DynamoDbClient client, String prefix) {
        return createHashRangeTable(client, prefix, b -> { });
    }

    /** A table with a string partition key and a number sort key, and whatever else {@code more} sets. */
    static String createHashRangeTable(DynamoDbClient client, String prefix,
            java.util.function.Consumer<CreateTableRequest.Builder> more) {
        String name = uniqueName(prefix);
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build())
                .billingMode(BillingMode.PAY_PER_REQUEST);
        more.accept(request);
        client.createTable(request.build());
        return name;
    }
}
