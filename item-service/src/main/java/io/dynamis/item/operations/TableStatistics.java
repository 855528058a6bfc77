package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.catalog.TableDescriptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisTableStatistics}, internal: this shard's description of a table (its ItemCount,
 * TableSizeBytes and local indexes' numbers, for this shard's items), without asking query-service for the
 * global indexes. The router adds it to shard 0's DescribeTable.
 */
@ApplicationScoped
public class TableStatistics implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;

    public TableStatistics(TableCatalog catalog, TableDescriptions descriptions) {
        this.catalog = catalog;
        this.descriptions = descriptions;
    }

    @Override
    public String name() {
        return "DynamisTableStatistics";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String name = request.requiredTableName();
        request.validate();
        ObjectNode answer = Json.object();
        answer.set("Table", descriptions.describe(catalog.require(name)));
        return CompletableFuture.completedFuture(answer);
    }
}
