package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code DynamisCatalogSnapshot}, internal: every table definition as stored, for follower shards to catch up. */
@ApplicationScoped
public class CatalogSnapshot implements Operation {

    private final TableCatalog catalog;

    public CatalogSnapshot(TableCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "DynamisCatalogSnapshot";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        ObjectNode answer = Json.object();
        ArrayNode tables = answer.putArray("Tables");
        for (TableDefinition table : catalog.all()) {
            tables.add(Json.MAPPER.valueToTree(table));
        }
        return CompletableFuture.completedFuture(answer);
    }
}
