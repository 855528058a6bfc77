package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.item.catalog.CreateTableRequest;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.catalog.TableDescriptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/** CreateTable: validates the definition, stores it durably, answers its TableDescription. */
@ApplicationScoped
public class CreateTable implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;

    public CreateTable(TableCatalog catalog, TableDescriptions descriptions) {
        this.catalog = catalog;
        this.descriptions = descriptions;
    }

    @Override
    public String name() {
        return "CreateTable";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        return catalog.create(CreateTableRequest.parse(request)).thenApply(table -> {
            ObjectNode response = Json.object();
            response.set("TableDescription", descriptions.describe(table));
            return response;
        });
    }
}
