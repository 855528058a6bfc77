package io.dynamis.item.operations;

import io.dynamis.core.expression.ItemExpressions;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.StoreWriter;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.function.Function;

/** UpdateItem: changes (or creates) the item under a key with an update expression or AttributeUpdates, if its condition holds. */
@Singleton
public class UpdateItem extends SingleItemWrite {

    public UpdateItem(TableCatalog catalog, StoreWriter writer, io.dynamis.core.capacity.CapacityGuard capacity) {
        super(catalog, writer, capacity, "Key", true);
    }

    @Override
    public String name() {
        return "UpdateItem";
    }

    @Override
    void checkParameterStyles(RequestReader request) {
        ItemExpressions.checkUpdateParameters(request);
    }

    @Override
    Function<TableDefinition, ItemWrite> prepare(RequestReader request, Map<String, AttributeValue> attributes) {
        ItemExpressions.UpdateAndCondition expressions = ItemExpressions.update(request);
        return table -> ItemWrite.update(table, attributes, expressions.update(), expressions.condition());
    }
}
