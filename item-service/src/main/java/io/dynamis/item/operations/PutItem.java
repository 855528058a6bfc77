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

/** PutItem: replaces the whole item under its key, if its condition holds; acknowledged once durable. */
@Singleton
public class PutItem extends SingleItemWrite {

    public PutItem(TableCatalog catalog, StoreWriter writer, io.dynamis.core.capacity.CapacityGuard capacity) {
        super(catalog, writer, capacity, "Item", false);
    }

    @Override
    public String name() {
        return "PutItem";
    }

    @Override
    void checkParameterStyles(RequestReader request) {
        ItemExpressions.checkConditionParameters(request);
    }

    @Override
    Function<TableDefinition, ItemWrite> prepare(RequestReader request, Map<String, AttributeValue> attributes) {
        Condition condition = ItemExpressions.condition(request);
        return table -> ItemWrite.put(table, attributes, condition);
    }
}
