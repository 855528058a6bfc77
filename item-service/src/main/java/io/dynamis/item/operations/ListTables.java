package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.item.catalog.TableCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ListTables: names in ascending order, at most {@code Limit} (1-100, default 100) a page, continuing
 * after {@code ExclusiveStartTableName}; {@code LastEvaluatedTableName} is present when more follow.
 */
@ApplicationScoped
public class ListTables implements Operation {

    private static final int MAX_LIMIT = 100;

    private final TableCatalog catalog;

    public ListTables(TableCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "ListTables";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        Long limit = request.integer("Limit");
        String start = request.string("ExclusiveStartTableName");
        List<String> violations = new ArrayList<>();
        if (start != null) {
            RequestReader.checkTableName(start, "exclusiveStartTableName", violations);
        }
        if (limit != null && limit < 1) {
            violations.add("Value '" + limit + "' at 'limit' failed to satisfy constraint:"
                    + " Member must have value greater than or equal to 1");
        }
        if (limit != null && limit > MAX_LIMIT) {
            violations.add("Value '" + limit + "' at 'limit' failed to satisfy constraint:"
                    + " Member must have value less than or equal to 100");
        }
        violations.forEach(request::violation);
        request.validate();

        int pageSize = limit == null ? MAX_LIMIT : limit.intValue();
        List<String> names = catalog.names(start, pageSize);
        ObjectNode response = Json.object();
        ArrayNode array = response.putArray("TableNames");
        names.forEach(array::add);
        if (names.size() == pageSize && catalog.hasTablesAfter(names.get(names.size() - 1))) {
            response.put("LastEvaluatedTableName", names.get(names.size() - 1));
        }
        return CompletableFuture.completedFuture(response);
    }
}
