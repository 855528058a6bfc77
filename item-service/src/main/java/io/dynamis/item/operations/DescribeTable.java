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

/** DescribeTable. */
@ApplicationScoped
public class DescribeTable implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;

    public DescribeTable(TableCatalog catalog, TableDescriptions descriptions) {
        this.catalog = catalog;
        this.descriptions = descriptions;
    }

    @Override
    public String name() {
        return "DescribeTable";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String name = request.tableNameOfTableOperation();
        request.validate();
        ObjectNode response = Json.object();
        response.set("Table", descriptions.describe(catalog.require(name)));
        return CompletableFuture.completedFuture(response);
    }
}
