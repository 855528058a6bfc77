package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.item.catalog.IndexStatistics;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.catalog.TableDescriptions;
import io.dynamis.item.catalog.UpdateTableRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * UpdateTable: billing mode, provisioned throughput, stream, table class, deletion protection. The
 * change is immediate, so the answer already shows the table ACTIVE with its new settings.
 */
@ApplicationScoped
public class UpdateTable implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;

    private final IndexStatistics indexStatistics;

    public UpdateTable(TableCatalog catalog, TableDescriptions descriptions, IndexStatistics indexStatistics) {
        this.catalog = catalog;
        this.descriptions = descriptions;
        this.indexStatistics = indexStatistics;
    }

    @Override
    public String name() {
        return "UpdateTable";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        UpdateTableRequest request = UpdateTableRequest.parse(json);
        catalog.require(request.tableName());
        long now = System.currentTimeMillis();
        return catalog.update(request.tableName(), table -> request.applyTo(table, now)).thenCompose(table ->
                request.changesIndexes() ? indexStatistics.indexesChanged(table).thenApply(v -> table)
                        : java.util.concurrent.CompletableFuture.completedFuture(table)).thenApply(table -> {
            ObjectNode response = Json.object();
            ObjectNode description = descriptions.describe(table);
            IndexStatistics.markBackfilling(description);
            response.set("TableDescription", description);
            return response;
        });
    }
}
