package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;

/** The target table a restore's internal calls name by {@code TableName} and {@code TableId}. */
final class RestoreTargets {

    private RestoreTargets() {
    }

    static TableDefinition require(TableCatalog catalog, ObjectNode json) {
        String name = json.path("TableName").asText(null);
        String tableId = json.path("TableId").asText(null);
        if (name == null || tableId == null) {
            throw ApiError.validation("a restore call needs TableName and TableId");
        }
        TableDefinition table = catalog.require(name);
        if (!table.tableId().equals(tableId)) {
            throw ApiError.tableNotFoundForItems();
        }
        return table;
    }
}
