package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.StoreWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisLoadItems}, internal: the bulk load of a restore. The body is
 * {@code {"TableName", "TableId", "Items": [...]}}; the items are stored in one commit through the single
 * writer, like puts (so local indexes and the change log follow, and query-service builds the global
 * indexes from the log), into a table that may still be CREATING. A table of that name with another id
 * is ResourceNotFoundException.
 */
@ApplicationScoped
public class LoadItems implements Operation {

    private final TableCatalog catalog;
    private final StoreWriter writer;

    public LoadItems(TableCatalog catalog, StoreWriter writer) {
        this.catalog = catalog;
        this.writer = writer;
    }

    @Override
    public String name() {
        return "DynamisLoadItems";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        TableDefinition table = RestoreTargets.require(catalog, json);
        List<ItemWrite> writes = new ArrayList<>();
        for (JsonNode item : json.path("Items")) {
            writes.add(ItemWrite.put(table, AttributeValueCodec.decodeItem(item), null));
        }
        return writer.submit(store -> {
            catalog.requireSame(table);
            for (ItemWrite write : writes) {
                write.apply(store);
            }
            return writes.size();
        }).thenApply(count -> Json.object().put("Loaded", count));
    }
}
