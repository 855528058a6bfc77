package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.catalog.TableDescriptions;
import io.dynamis.item.catalog.TableTags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** TagResource: adds tags to a table (a tag with an existing key replaces its value). */
@ApplicationScoped
public class TagResource implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;

    public TagResource(TableCatalog catalog, TableDescriptions descriptions) {
        this.catalog = catalog;
        this.descriptions = descriptions;
    }

    @Override
    public String name() {
        return "TagResource";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String arn = TagRequests.resourceArn(request);
        Map<String, String> added = TableTags.read(request);
        request.validate();
        TableTags.checkCharacters(added);
        TableTags.rejectReserved(List.copyOf(added.keySet()));
        String tableName = descriptions.requireByArn(catalog, arn).name();
        return catalog.update(tableName, table -> {
            Map<String, String> tags = TableTags.of(table);
            tags.putAll(added);
            return TableTags.with(table, tags);
        }).thenApply(table -> Json.object());
    }
}
