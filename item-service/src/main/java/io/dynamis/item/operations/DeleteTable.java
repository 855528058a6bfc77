package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.catalog.TableDescriptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * DeleteTable: the table leaves the catalog durably; the answer describes it as DELETING, with the members
 * DynamoDB's DeleteTable answer has. Its TableName is checked as the item operations check theirs, every
 * broken constraint reported together.
 */
@ApplicationScoped
public class DeleteTable implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;

    public DeleteTable(TableCatalog catalog, TableDescriptions descriptions) {
        this.catalog = catalog;
        this.descriptions = descriptions;
    }

    @Override
    public String name() {
        return "DeleteTable";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String name = request.requiredTableName();
        request.validate();
        catalog.require(name);
        return catalog.delete(name).thenApply(table -> {
            ObjectNode response = Json.object();
            response.set("TableDescription", descriptions.describeDeleted(table));
            return response;
        });
    }
}
