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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ListStreams: every readable stream (enabled, or disabled less than 24 hours ago) of every table, or of
 * one table, in ARN order, paged by {@code Limit} (1 to 100) and {@code ExclusiveStartStreamArn}. The
 * start is a place in that order, not a stream that must still exist: paging resumes after it even when
 * its table was deleted (or its stream expired) between two pages. {@code LastEvaluatedStreamArn} is
 * given when streams remain.
 */
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
        String exclusiveStart = MemberLengths.string(request, "ExclusiveStartStreamArn", "exclusiveStartStreamArn",
                MemberLengths.STREAM_ARN);
        request.validate();
        if (exclusiveStart != null) {
            StreamCatalog.checkShape(exclusiveStart);
        }
        List<TableDefinition> tables = new ArrayList<>();
        if (tableName != null) {
            TableDefinition table = itemService.table(tableName);
            if (table == null) {
                throw ApiError.tableNotFound(tableName);
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
        List<StreamCatalog.Stream> all = new ArrayList<>();
        tables.forEach(table -> all.addAll(streams.streamsOf(table)));
        if (tableName == null) { // deleted tables' streams stay listed while readable, as in DynamoDB
            all.addAll(streams.streamsOfDeletedTables(
                    tables.stream().map(TableDefinition::tableId).collect(java.util.stream.Collectors.toSet())));
        }
        all.sort(Comparator.comparing(StreamCatalog.Stream::arn));

        ObjectNode response = Json.object();
        ArrayNode list = response.putArray("Streams");
        int max = limit == null ? 100 : limit.intValue();
        String last = null;
        for (StreamCatalog.Stream stream : all) {
            if (exclusiveStart != null && stream.arn().compareTo(exclusiveStart) <= 0) {
                continue;
            }
            if (list.size() == max) {
                response.put("LastEvaluatedStreamArn", last);
                break;
            }
            list.addObject().put("StreamArn", stream.arn()).put("TableName", stream.table().name())
                    .put("StreamLabel", stream.label());
            last = stream.arn();
        }
        return CompletableFuture.completedFuture(response);
    }
}
