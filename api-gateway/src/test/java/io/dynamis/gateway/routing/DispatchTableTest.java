package io.dynamis.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dynamis.core.protocol.AmzTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one table from X-Amz-Target to the owning service, on :8000 and on the accelerator's :8111. */
class DispatchTableTest {

    private static final List<String> CACHED = List.of("GetItem", "BatchGetItem", "Query", "Scan", "PutItem",
            "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems");

    private static OwningService owner(String target) {
        return DispatchTable.owner(AmzTarget.parse(target));
    }

    private static OwningService acceleratorOwner(String target) {
        return AcceleratorDispatch.owner(AmzTarget.parse(target));
    }

    @Test
    void eachFamilyOfOperationsGoesToItsService() {
        assertEquals(OwningService.ITEM, owner("DynamoDB_20120810.CreateTable"));
        assertEquals(OwningService.ITEM, owner("DynamoDB_20120810.GetItem"));
        assertEquals(OwningService.ITEM, owner("DynamoDB_20120810.TransactWriteItems"));
        assertEquals(OwningService.GATEWAY, owner("DynamoDB_20120810.ExecuteStatement"));
        assertEquals(OwningService.QUERY, owner("DynamoDB_20120810.Query"));
        assertEquals(OwningService.QUERY, owner("DynamoDB_20120810.Scan"));
        assertEquals(OwningService.BACKUP, owner("DynamoDB_20120810.CreateBackup"));
        assertEquals(OwningService.BACKUP, owner("DynamoDB_20120810.RestoreTableToPointInTime"));
        assertEquals(OwningService.BACKUP, owner("DynamoDBStreams_20120810.GetRecords"));
        assertEquals(OwningService.BACKUP, owner("DynamoDBStreams_20120810.ListStreams"));
    }

    @Test
    void anUnknownTargetHasNoOwner() {
        assertNull(owner(null));
        assertNull(owner("DynamoDB_20120810.NoSuchOperation"));
        assertNull(owner("DynamoDB_20120810.getitem"), "operation names are case-sensitive");
        assertNull(owner("DynamoDB_20111205.GetItem"), "an older API version");
        assertNull(owner("DynamoDBStreams_20120810.GetItem"), "an operation of the other API");
        assertNull(owner("DynamoDB_20120810.GetRecords"), "an operation of the other API");
        assertNull(owner("GetItem"));
        assertNull(owner("DynamoDB_20120810."));
    }

    @Test
    void theAcceleratorSendsTheItemAndQueryOperationsToCacheService() {
        for (String operation : CACHED) {
            assertEquals(OwningService.CACHE, acceleratorOwner("DynamoDB_20120810." + operation), operation);
        }
    }

    @Test
    void theAcceleratorSendsEveryOtherOperationWhereTheGatewayDoes() {
        for (String target : List.of("DynamoDB_20120810.CreateTable", "DynamoDB_20120810.DescribeTable",
                "DynamoDB_20120810.ExecuteStatement", "DynamoDB_20120810.CreateBackup", "DynamoDBStreams_20120810.GetRecords")) {
            assertEquals(owner(target), acceleratorOwner(target), target);
        }
        assertNull(acceleratorOwner("DynamoDB_20120810.NoSuchOperation"));
        assertNull(acceleratorOwner("DynamoDBStreams_20120810.Query"));
    }
}
