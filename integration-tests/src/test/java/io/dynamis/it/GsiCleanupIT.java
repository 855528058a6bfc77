package io.dynamis.it;

import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The entries of a global index deleted by UpdateTable, and of the indexes of a deleted table, are
 * purged from query-service's index store (counted by {@code dynamis_gsi_purged_entries_total}).
 */
@ExtendWith(StackExtension.class)
@OwnStackOnly
class GsiCleanupIT {

    private static final String PURGED = "dynamis_gsi_purged_entries_total";
    private static final long WAIT_MILLIS = 60_000;

    private final DynamisStack stack;
    private final DynamoDbClient client;

    GsiCleanupIT(DynamisStack stack) {
        this.stack = stack;
        this.client = stack.client();
    }

    private String tableWithIndexedItems(int items) throws InterruptedException {
        String table = Tables.uniqueName("gsiclean");
        client.createTable(b -> b.tableName(table)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("g").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .globalSecondaryIndexes(g -> g.indexName("byG").keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        for (int i = 0; i < items; i++) {
            String pk = "p" + i;
            client.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "g", s("all"))));
        }
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (client.scan(b -> b.tableName(table).indexName("byG")).count() < items) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the index never held the items");
            }
            Thread.sleep(100);
        }
        return table;
    }

    private double awaitPurged(double atLeast) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        double purged = stack.metric("query-service", PURGED);
        while (purged < atLeast && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            purged = stack.metric("query-service", PURGED);
        }
        return purged;
    }

    @Test
    void theEntriesOfADeletedIndexAndOfADeletedTableArePurged() throws InterruptedException {
        String first = tableWithIndexedItems(30);
        String second = tableWithIndexedItems(12);
        double before = stack.metric("query-service", PURGED);

        client.updateTable(b -> b.tableName(first).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byG"))));
        double afterIndex = awaitPurged(before + 30);
        assertTrue(afterIndex >= before + 30, "the deleted index's 30 entries were purged: " + (afterIndex - before));
        // a later cleanup pass, seen by what it purges (a third index deleted now), passes the live index by
        String marker = tableWithIndexedItems(5);
        client.updateTable(b -> b.tableName(marker).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byG"))));
        double afterMarker = awaitPurged(afterIndex + 5);
        assertTrue(afterMarker >= afterIndex + 5, "a later pass purged the third index's 5: " + (afterMarker - afterIndex));
        assertEquals(12, client.scan(b -> b.tableName(second).indexName("byG")).count(), "the live index is whole");

        client.deleteTable(b -> b.tableName(second));
        double afterTable = awaitPurged(afterMarker + 12);
        assertTrue(afterTable >= afterMarker + 12, "then the deleted table's 12: " + (afterTable - afterMarker));
    }
}
