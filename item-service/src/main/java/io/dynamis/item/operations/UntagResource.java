package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.catalog.TableDescriptions;
import io.dynamis.item.catalog.TableTags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** UntagResource: removes tags from a table by key (keys it does not have are ignored). */
@ApplicationScoped
public class UntagResource implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;

    public UntagResource(TableCatalog catalog, TableDescriptions descriptions) {
        this.catalog = catalog;
        this.descriptions = descriptions;
    }

    @Override
    public String name() {
        return "UntagResource";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String arn = TagRequests.resourceArn(request);
        ArrayNode keyList = request.list("TagKeys");
        request.requirePresent("TagKeys", "tagKeys");
        request.validate();
        List<String> keys = new ArrayList<>();
        for (JsonNode key : keyList) {
            if (!key.isTextual()) {
                throw ApiError.serialization("Unexpected value type in payload");
            }
            keys.add(key.textValue());
        }
        TableTags.checkKeyCharacters(keys);
        String tableName = descriptions.requireByArn(catalog, arn).name();
        return catalog.update(tableName, table -> {
            Map<String, String> tags = TableTags.of(table);
            keys.forEach(tags::remove);
            return TableTags.with(table, tags);
        }).thenApply(table -> Json.object());
    }
}
