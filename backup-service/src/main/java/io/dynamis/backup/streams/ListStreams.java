package io.dynamis.backup.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.client.ItemServiceClient;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** ListStreams: the latest stream of every table that has one (or of one table), in table-name order, paged. */
@ApplicationScoped
public class ListStreams implements Operation {

    private final ItemServiceClient itemService;
    private final StreamCatalog streams;

    public ListStreams(ItemServiceClient itemService, StreamCatalog streams) {
        this.itemService = itemService;
        this.streams = streams;
    }

    @Override
    public String name() {
        return "ListStreams";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String tableName = request.has("TableName") ? request.tableName() : null;
        Long limit = request.integerInRange("Limit", "limit", 1, 100);
        String exclusiveStart = request.string("ExclusiveStartStreamArn");
        request.validate();
        List<TableDefinition> tables = new ArrayList<>();
        if (tableName != null) {
            TableDefinition table = itemService.table(tableName);
            if (table == null) {
                throw ApiError.resourceNotFound("Requested resource not found: Table: " + tableName + " not found");
            }
            tables.add(table);
        } else {
            for (String name : itemService.tableNames()) {
                TableDefinition table = itemService.table(name);
                if (table != null) {
                    tables.add(table);
                }
            }
        }
        ObjectNode response = Json.object();
        ArrayNode list = response.putArray("Streams");
        boolean started = exclusiveStart == null;
        int max = limit == null ? 100 : limit.intValue();
        String last = null;
        for (TableDefinition table : tables) {
            String arn = streams.streamArn(table);
            if (arn == null) {
                continue;
            }
            if (!started) {
                started = arn.equals(exclusiveStart);
                continue;
            }
            if (list.size() == max) {
                response.put("LastEvaluatedStreamArn", last);
                break;
            }
            list.addObject().put("StreamArn", arn).put("TableName", table.name())
                    .put("StreamLabel", StreamCatalog.label(table));
            last = arn;
        }
        return CompletableFuture.completedFuture(response);
    }
}
