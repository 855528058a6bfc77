package io.dynamis.backup.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import io.dynamis.core.shard.ShardRouter;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What backup-service asks item-service, which owns the catalog and the items: table definitions, the
 * log position, and the internal calls that create, fill and finish a restore's target table. Calls
 * block; they run on worker threads and on this service's own threads, never on an event loop. Every call
 * goes through the router (core's {@link ShardRouter}): a restore's items to their shards, everything else
 * to shard 0, the catalog authority. An error item-service answers is thrown as the same {@link ApiError}.
 */
@ApplicationScoped
public class ItemServiceClient {

    /** Where item-service's change log stands: see its {@code DynamisLogPosition}. */
    public record LogPosition(int shard, long lastSequence, long commitTimeMillis) {
    }

    private final ShardRouter router;

    public ItemServiceClient(ShardRouter router) {
        this.router = router;
    }

    /** The table as the catalog stores it, or null when no table has that name. */
    public TableDefinition table(String name) {
        ObjectNode body = Json.object().put("TableName", name);
        try {
            return Json.MAPPER.convertValue(call("DynamisDescribeCatalogTable", body).get("Table"), TableDefinition.class);
        } catch (ApiError e) {
            if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** The table of that name, or DynamoDB's TableNotFoundException (the backup operations' error). */
    public TableDefinition requireTable(String name) {
        TableDefinition table = table(name);
        if (table == null) {
            throw ApiError.tableNotFoundException(name);
        }
        return table;
    }

    /** Every table name, in order. */
    public List<String> tableNames() {
        List<String> names = new ArrayList<>();
        String start = null;
        do {
            ObjectNode body = Json.object();
            if (start != null) {
                body.put("ExclusiveStartTableName", start);
            }
            JsonNode answer = call("ListTables", body);
            answer.path("TableNames").forEach(name -> names.add(name.asText()));
            start = answer.path("LastEvaluatedTableName").asText(null);
        } while (start != null);
        return names;
    }

    /** The number of item-service shards: each has a change log of its own, numbered 1, 2, 3, ... */
    public int shardCount() {
        return router.shardCount();
    }

    /** Where one shard's change log stands. */
    public LogPosition logPosition(int shard) {
        return logPosition(router.shard(shard).callAndWait("DynamisLogPosition", Json.object()));
    }

    /** Where every shard's change log stands, in shard order (the shards asked at once). */
    public List<LogPosition> logPositions() {
        List<LogPosition> positions = new ArrayList<>();
        for (var answer : router.each("DynamisLogPosition", Json.object())) {
            try {
                positions.add(logPosition(answer.toCompletableFuture().join()));
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        return positions;
    }

    private static LogPosition logPosition(JsonNode answer) {
        return new LogPosition(answer.path("Shard").asInt(), answer.path("LastSequence").asLong(),
                answer.path("CommitTimeMillis").asLong());
    }

    /** Creates a restore's target table (CREATING); answers its TableDescription. */
    public ObjectNode createRestoredTable(ObjectNode createTable, ObjectNode restoreSummary) {
        ObjectNode body = Json.object();
        body.set("CreateTable", createTable);
        body.set("RestoreSummary", restoreSummary);
        return (ObjectNode) call("DynamisCreateRestoredTable", body).get("TableDescription");
    }

    /** Stores a batch of a restore's items (one commit a shard); completes once they are durable. */
    public CompletableFuture<Void> loadItems(String tableName, String tableId, List<JsonNode> items) {
        ObjectNode body = Json.object().put("TableName", tableName).put("TableId", tableId);
        body.putArray("Items").addAll(items);
        return router.items().call("DynamisLoadItems", body).toCompletableFuture().thenApply(answer -> null);
    }

    public void finishRestore(String tableName, String tableId) {
        call("DynamisFinishRestore", Json.object().put("TableName", tableName).put("TableId", tableId));
    }

    private JsonNode call(String operation, ObjectNode body) {
        return router.items().callAndWait(operation, body);
    }
}
