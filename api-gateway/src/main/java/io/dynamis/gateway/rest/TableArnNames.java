package io.dynamis.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.ByteSequences;
import io.dynamis.core.protocol.AmzTarget;
import io.dynamis.gateway.auth.ResourceArns;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A table named by its ARN: DynamoDB's operations that read or change an existing table take, in
 * {@code TableName} (and as a key of BatchGetItem's and BatchWriteItem's {@code RequestItems}, and in each
 * item of a transaction), the table's name or its ARN, {@code arn:aws:dynamodb:<region>:<account>:table/<name>}.
 * CreateTable, the restore operations' target table and the Streams API take a name only.
 *
 * <p>The gateway resolves the ARN once, before authorization and dispatch, by writing the table's name in its
 * place: every service, the shard router, the accelerator's cache and the policies then see names only, as
 * they do for any other request. The answer is given back in the request's own words: DynamoDB keys
 * BatchGetItem's {@code Responses} and {@code UnprocessedKeys}, BatchWriteItem's {@code UnprocessedItems} and
 * {@code ItemCollectionMetrics}, and names a {@code ConsumedCapacity}'s table as the request named the table
 * (its API reference: "If you had specified the Amazon Resource Name (ARN) of a table in the input, you'll see
 * the table ARN in the response").
 *
 * <p>Decisions, DynamoDB's answers not being documented: an ARN of this Dynamis' region and account (its
 * table ARNs, as DescribeTable gives them) names the table; a well-formed table ARN of another region or account
 * names a table that is not here, answered with the operation's ResourceNotFoundException (or the backup
 * operations' TableNotFoundException); anything else that starts with {@code arn:} (another service, an index or
 * stream ARN, no name) is left as it came and so refused as a table name is, by the name's constraints.
 */
final class TableArnNames {

    private static final byte[] ARN_START = "\"arn:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The operations whose TableName may be an ARN; their missing-table answer is the table operations'. */
    private static final Set<String> TABLE_OPERATIONS = Set.of("DescribeTable", "UpdateTable", "DeleteTable",
            "DescribeTimeToLive", "UpdateTimeToLive", "DescribeContributorInsights", "UpdateContributorInsights",
            "DescribeKinesisStreamingDestination", "EnableKinesisStreamingDestination",
            "DisableKinesisStreamingDestination", "UpdateKinesisStreamingDestination",
            "DescribeTableReplicaAutoScaling", "UpdateTableReplicaAutoScaling");

    /** ... whose missing-table answer is the backup operations' TableNotFoundException. */
    private static final Set<String> BACKUP_OPERATIONS = Set.of("CreateBackup", "ListBackups",
            "DescribeContinuousBackups", "UpdateContinuousBackups");

    /** ... whose missing-table answer is the item operations' (a plain "Requested resource not found"). */
    private static final Set<String> ITEM_OPERATIONS = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem",
            "Query", "Scan");

    private static final Set<String> BATCHES = Set.of("BatchGetItem", "BatchWriteItem");

    private static final Set<String> TRANSACTIONS = Set.of("TransactWriteItems", "TransactGetItems");

    private final String tableArnPrefix;

    TableArnNames(ResourceArns arns) {
        this.tableArnPrefix = arns.table("");
    }

    /** False when the body cannot name a table by ARN (no JSON string starting with {@code arn:}): nothing to do. */
    static boolean mayNameByArn(byte[] body) {
        return ByteSequences.indexOf(body, ARN_START) >= 0;
    }

    /**
     * Writes the table's name in place of every ARN that names one of this Dynamis' tables, and says how the
     * request named them (null when it named none by ARN); an ARN of another region or account is that
     * operation's missing table.
     */
    Naming resolve(AmzTarget target, ObjectNode request) {
        if (target == null || !AmzTarget.DYNAMODB.equals(target.service())) {
            return null;
        }
        String operation = target.operation();
        Naming naming = new Naming();
        if (BATCHES.contains(operation)) {
            JsonNode items = request.get("RequestItems");
            if (items instanceof ObjectNode byTable) {
                request.set("RequestItems", resolveKeys(operation, byTable, naming));
            }
        } else if (TRANSACTIONS.contains(operation)) {
            JsonNode items = request.get("TransactItems");
            if (items instanceof ArrayNode list) {
                for (JsonNode item : list) {
                    for (JsonNode action : item) {
                        if (action instanceof ObjectNode named) {
                            resolveMember(operation, named, naming);
                        }
                    }
                }
            }
        } else if (TABLE_OPERATIONS.contains(operation) || BACKUP_OPERATIONS.contains(operation)
                || ITEM_OPERATIONS.contains(operation)) {
            resolveMember(operation, request, naming);
        }
        return naming.byName.isEmpty() ? null : naming;
    }

    private void resolveMember(String operation, ObjectNode holder, Naming naming) {
        JsonNode given = holder.get("TableName");
        if (given != null && given.isTextual()) {
            String name = nameOf(operation, given.textValue());
            if (name != null) {
                holder.put("TableName", name);
                naming.named(name, given.textValue());
            }
        }
    }

    private ObjectNode resolveKeys(String operation, ObjectNode byTable, Naming naming) {
        ObjectNode resolved = Json.object();
        Map<String, String> givenAs = new HashMap<>();
        var entries = byTable.fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            String name = nameOf(operation, entry.getKey());
            String key = name == null ? entry.getKey() : name;
            String earlier = givenAs.putIfAbsent(key, entry.getKey());
            if (earlier != null) {
                throw ApiError.invalidParameter("Table " + key + " is named twice in RequestItems: as " + earlier
                        + " and as " + entry.getKey());
            }
            if (name != null) {
                naming.named(name, entry.getKey());
            }
            resolved.set(key, entry.getValue());
        }
        return resolved;
    }

    /** The name of the table an ARN of this Dynamis names; null when the value is not a well-formed table ARN. */
    private String nameOf(String operation, String value) {
        if (!value.startsWith("arn:")) {
            return null;
        }
        String[] parts = value.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("dynamodb") || !parts[5].startsWith("table/")) {
            return null;
        }
        String name = parts[5].substring("table/".length());
        if (name.isEmpty() || name.contains("/")) {
            return null;
        }
        if (!value.equals(tableArnPrefix + name)) {
            throw missingTable(operation, value);
        }
        return name;
    }

    private static ApiError missingTable(String operation, String arn) {
        if (TABLE_OPERATIONS.contains(operation)) {
            return ApiError.tableNotFound(arn);
        }
        if (BACKUP_OPERATIONS.contains(operation)) {
            return ApiError.tableNotFoundException(arn);
        }
        return ApiError.tableNotFoundForItems();
    }

    /** How a request named its tables by ARN: the answer's table names and keys are given back in those words. */
    static final class Naming {

        private final Map<String, String> byName = new LinkedHashMap<>();

        private void named(String name, String given) {
            byName.putIfAbsent(name, given);
        }

        /** The answer with each table named as the request named it. */
        ObjectNode restore(ObjectNode answer) {
            for (String member : new String[] {"Responses", "UnprocessedKeys", "UnprocessedItems",
                    "ItemCollectionMetrics"}) {
                if (answer.get(member) instanceof ObjectNode byTable) {
                    answer.set(member, renameKeys(byTable));
                }
            }
            JsonNode capacity = answer.get("ConsumedCapacity");
            if (capacity instanceof ObjectNode one) {
                renameTable(one);
            } else if (capacity instanceof ArrayNode list) {
                list.forEach(each -> renameTable((ObjectNode) each));
            }
            return answer;
        }

        private ObjectNode renameKeys(ObjectNode byTable) {
            ObjectNode renamed = Json.object();
            byTable.fields().forEachRemaining(e -> renamed.set(byName.getOrDefault(e.getKey(), e.getKey()), e.getValue()));
            return renamed;
        }

        private void renameTable(ObjectNode capacity) {
            JsonNode table = capacity.get("TableName");
            if (table != null && byName.containsKey(table.asText())) {
                capacity.put("TableName", byName.get(table.asText()));
            }
        }
    }
}
