package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** DescribeTimeToLive: ENABLED with the attribute name, or DISABLED. */
@ApplicationScoped
public class DescribeTimeToLive implements Operation {

    private final TableCatalog catalog;

    public DescribeTimeToLive(TableCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "DescribeTimeToLive";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String tableName = request.tableName();
        request.validate();
        TableDefinition table = catalog.require(tableName);
        ObjectNode response = Json.object();
        ObjectNode description = response.putObject("TimeToLiveDescription");
        String attribute = table.timeToLiveAttribute();
        if (attribute == null) {
            description.put("TimeToLiveStatus", "DISABLED");
        } else {
            description.put("TimeToLiveStatus", "ENABLED").put("AttributeName", attribute);
        }
        return CompletableFuture.completedFuture(response);
    }
}
