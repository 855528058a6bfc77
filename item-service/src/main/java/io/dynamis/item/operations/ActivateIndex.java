package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisActivateIndex}, internal: query-service has backfilled a global index created by
 * UpdateTable, which now becomes ACTIVE. The body is {@code {"TableName", "TableId", "IndexName"}}; an
 * index of another table of that name, or one no longer there, is left alone.
 */
@ApplicationScoped
public class ActivateIndex implements Operation {

    private final TableCatalog catalog;

    public ActivateIndex(TableCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "DynamisActivateIndex";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        String tableName = json.path("TableName").asText(null);
        String tableId = json.path("TableId").asText(null);
        String indexName = json.path("IndexName").asText(null);
        if (tableName == null || tableId == null || indexName == null) {
            throw ApiError.validation("DynamisActivateIndex needs TableName, TableId and IndexName");
        }
        return catalog.update(tableName, table -> activated(table, tableId, indexName))
                .thenApply(table -> Json.object());
    }

    private static TableDefinition activated(TableDefinition table, String tableId, String indexName) {
        IndexDefinition index = table.index(indexName);
        if (!table.tableId().equals(tableId) || index == null || !"CREATING".equals(index.status())) {
            return table;
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        for (IndexDefinition i : table.indexes()) {
            indexes.add(i != index ? i : i.withStatus("ACTIVE"));
        }
        return table.withIndexes(indexes);
    }
}
