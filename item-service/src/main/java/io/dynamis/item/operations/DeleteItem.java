package io.dynamis.item.operations;

import io.dynamis.core.expression.Condition;
import io.dynamis.core.expression.ItemExpressions;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.StoreWriter;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.function.Function;

/** DeleteItem: removes the item under a key if its condition holds (deleting a missing item succeeds). */
@Singleton
public class DeleteItem extends SingleItemWrite {

    public DeleteItem(TableCatalog catalog, StoreWriter writer, io.dynamis.core.capacity.CapacityGuard capacity) {
        super(catalog, writer, capacity, "Key", false);
    }

    @Override
    public String name() {
        return "DeleteItem";
    }

    @Override
    void checkParameterStyles(RequestReader request) {
        ItemExpressions.checkConditionParameters(request);
    }

    @Override
    Function<TableDefinition, ItemWrite> prepare(RequestReader request, Map<String, AttributeValue> attributes) {
        Condition condition = ItemExpressions.condition(request);
        return table -> ItemWrite.delete(table, attributes, condition);
    }
}
