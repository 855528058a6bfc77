package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.IndexStatistics;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.catalog.TableDescriptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** DescribeTable. */
@ApplicationScoped
public class DescribeTable implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;
    private final IndexStatistics indexStatistics;

    public DescribeTable(TableCatalog catalog, TableDescriptions descriptions, IndexStatistics indexStatistics) {
        this.catalog = catalog;
        this.descriptions = descriptions;
        this.indexStatistics = indexStatistics;
    }

    @Override
    public String name() {
        return "DescribeTable";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String name = request.requiredTableName();
        request.validate();
        ObjectNode response = Json.object();
        TableDefinition table = catalog.require(name);
        ObjectNode description = descriptions.describe(table);
        indexStatistics.fill(table, description);
        response.set("Table", description);
        return CompletableFuture.completedFuture(response);
    }
}
