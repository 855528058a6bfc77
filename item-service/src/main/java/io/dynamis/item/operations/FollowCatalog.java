package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisFollowCatalog}, internal: on a follower shard, stores a table definition exactly as the
 * catalog authority (shard 0) committed it ({@code {"Table": <definition>}}), or deletes a table
 * ({@code {"DeletedTable": name, "StoreId": id}}). See {@link io.dynamis.item.shard.CatalogFollowing}.
 */
@ApplicationScoped
public class FollowCatalog implements Operation {

    private final TableCatalog catalog;

    public FollowCatalog(TableCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "DynamisFollowCatalog";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        JsonNode table = json.get("Table");
        if (table != null && table.isObject()) {
            return catalog.follow(Json.MAPPER.convertValue(table, TableDefinition.class)).thenApply(done -> Json.object());
        }
        if (json.path("DeletedTable").isTextual()) {
            return catalog.followDeleted(json.get("DeletedTable").asText(), json.path("StoreId").asLong())
                    .thenApply(done -> Json.object());
        }
        throw ApiError.validation("DynamisFollowCatalog needs a Table or a DeletedTable");
    }
}
