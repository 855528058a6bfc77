package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.catalog.TableDescriptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisFinishRestore}, internal: every item of a restore is loaded; the target table
 * ({@code {"TableName", "TableId"}}) becomes ACTIVE and its RestoreSummary says the restore is over.
 */
@ApplicationScoped
public class FinishRestore implements Operation {

    private final TableCatalog catalog;

    public FinishRestore(TableCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "DynamisFinishRestore";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        String tableId = RestoreTargets.require(catalog, json).tableId();
        return catalog.update(json.path("TableName").asText(), table -> {
            if (!table.tableId().equals(tableId)) {
                throw io.dynamis.core.error.ApiError.tableNotFoundForItems();
            }
            ObjectNode extra = table.extra().deepCopy();
            if (extra.get(TableDescriptions.RESTORE_SUMMARY) instanceof ObjectNode summary) {
                summary.put("RestoreInProgress", false);
            }
            return table.withExtra(extra).withStatus("ACTIVE");
        }).thenApply(table -> Json.object());
    }
}
