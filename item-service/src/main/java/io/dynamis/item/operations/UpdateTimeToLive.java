package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.item.catalog.TableCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * UpdateTimeToLive: turns expiry on or off for a table. Once on, the {@link io.dynamis.item.ttl.TtlSweeper}
 * deletes the items whose attribute holds an epoch-seconds time in the past. The change takes effect
 * at once (DynamoDB passes through ENABLING/DISABLING for up to an hour; here there is nothing to wait for).
 */
@ApplicationScoped
public class UpdateTimeToLive implements Operation {

    private final TableCatalog catalog;

    public UpdateTimeToLive(TableCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "UpdateTimeToLive";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String tableName = request.tableName();
        request.requirePresent("TimeToLiveSpecification", "timeToLiveSpecification");
        ObjectNode spec = request.object("TimeToLiveSpecification");
        Boolean enabled = null;
        String attribute = null;
        if (spec != null) {
            RequestReader specReader = new RequestReader(spec);
            enabled = specReader.bool("Enabled");
            attribute = specReader.string("AttributeName");
            if (enabled == null) {
                request.violation("Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint:"
                        + " Member must not be null");
            }
            if (attribute == null) {
                request.violation("Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint:"
                        + " Member must not be null");
            } else if (attribute.isEmpty() || attribute.length() > 255) {
                request.violation("Value '" + attribute + "' at 'timeToLiveSpecification.attributeName' failed to satisfy"
                        + " constraint: Member must have length " + (attribute.isEmpty()
                        ? "greater than or equal to 1" : "less than or equal to 255"));
            }
        }
        request.validate();
        boolean enable = enabled;
        String name = attribute;
        return catalog.update(tableName, table -> {
            String current = table.timeToLiveAttribute();
            if (!enable && current == null) {
                throw ApiError.validation("TimeToLive is already disabled");
            }
            if (current != null && !current.equals(name)) {
                throw ApiError.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
                        + current);
            }
            if (enable && current != null) {
                throw ApiError.validation("TimeToLive is already enabled");
            }
            ObjectNode extra = table.extra() == null ? Json.object() : table.extra().deepCopy();
            extra.putObject("TimeToLiveSpecification").put("Enabled", enable).put("AttributeName", name);
            return table.withExtra(extra);
        }).thenApply(table -> {
            ObjectNode response = Json.object();
            response.putObject("TimeToLiveSpecification").put("Enabled", enable).put("AttributeName", name);
            return response;
        });
    }
}
