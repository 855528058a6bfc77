package io.dynamis.gateway.routing;

import io.dynamis.core.protocol.AmzTarget;
import java.util.HashMap;
import java.util.Map;

/**
 * The one table from a DynamoDB operation ({@code X-Amz-Target}) to the service that owns it.
 *
 * <p>Every operation of the DynamoDB and DynamoDB Streams APIs is listed, built or not: an operation
 * listed here but not implemented yet by its service gets that service's "not supported yet" error;
 * a target not listed here is DynamoDB's UnknownOperationException.
 */
public final class DispatchTable {

    private static final Map<String, OwningService> DYNAMODB = new HashMap<>();
    private static final Map<String, OwningService> STREAMS = new HashMap<>();

    static {
        dynamodb(OwningService.ITEM,
                // tables
                "CreateTable", "DescribeTable", "ListTables", "UpdateTable", "DeleteTable", "DescribeLimits",
                "UpdateTimeToLive", "DescribeTimeToLive",
                "TagResource", "UntagResource", "ListTagsOfResource",
                "GetResourcePolicy", "PutResourcePolicy", "DeleteResourcePolicy",
                "DescribeContributorInsights", "UpdateContributorInsights", "ListContributorInsights",
                "CreateGlobalTable", "DescribeGlobalTable", "ListGlobalTables", "UpdateGlobalTable",
                "DescribeGlobalTableSettings", "UpdateGlobalTableSettings",
                "DescribeTableReplicaAutoScaling", "UpdateTableReplicaAutoScaling",
                // items
                "PutItem", "GetItem", "UpdateItem", "DeleteItem", "BatchGetItem", "BatchWriteItem",
                "TransactWriteItems", "TransactGetItems");
        // PartiQL: executed by the gateway, lowered into the operations above and Query/Scan
        dynamodb(OwningService.GATEWAY, "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction");
        dynamodb(OwningService.QUERY, "Query", "Scan");
        dynamodb(OwningService.BACKUP,
                "CreateBackup", "DescribeBackup", "ListBackups", "DeleteBackup", "RestoreTableFromBackup",
                "UpdateContinuousBackups", "DescribeContinuousBackups", "RestoreTableToPointInTime",
                "ExportTableToPointInTime", "DescribeExport", "ListExports",
                "ImportTable", "DescribeImport", "ListImports",
                "EnableKinesisStreamingDestination", "DisableKinesisStreamingDestination",
                "DescribeKinesisStreamingDestination", "UpdateKinesisStreamingDestination");
        for (String op : new String[] {"ListStreams", "DescribeStream", "GetShardIterator", "GetRecords"}) {
            STREAMS.put(op, OwningService.BACKUP);
        }
    }

    private DispatchTable() {
    }

    private static void dynamodb(OwningService service, String... operations) {
        for (String op : operations) {
            DYNAMODB.put(op, service);
        }
    }

    /** The owner of the target's operation, or null when the target names no known operation. */
    public static OwningService owner(AmzTarget target) {
        if (target == null) {
            return null;
        }
        if (AmzTarget.DYNAMODB.equals(target.service())) {
            return DYNAMODB.get(target.operation());
        }
        if (AmzTarget.STREAMS.equals(target.service())) {
            return STREAMS.get(target.operation());
        }
        return null;
    }
}
