package io.dynamis.query.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.query.gsi.GsiStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisDescribeIndexStatistics}, internal: ItemCount and IndexSizeBytes of global secondary
 * indexes, for item-service's DescribeTable. The body is {@code {"TableId": ..., "IndexNames": [...]}};
 * the answer {@code {"Indexes": {<name>: {"ItemCount": n, "IndexSizeBytes": n}}}}, as far as this
 * service has applied the change log.
 */
@ApplicationScoped
public class DescribeIndexStatistics implements Operation {

    private final GsiStore store;

    public DescribeIndexStatistics(GsiStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DynamisDescribeIndexStatistics";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        String tableId = json.path("TableId").asText(null);
        JsonNode names = json.path("IndexNames");
        if (tableId == null || !names.isArray()) {
            throw ApiError.validation("DynamisDescribeIndexStatistics needs TableId and IndexNames");
        }
        ObjectNode response = Json.object();
        ObjectNode indexes = response.putObject("Indexes");
        for (JsonNode name : names) {
            long[] stats = store.stats(tableId, name.asText());
            indexes.putObject(name.asText()).put("ItemCount", stats[0]).put("IndexSizeBytes", stats[1]);
        }
        return CompletableFuture.completedFuture(response);
    }
}
