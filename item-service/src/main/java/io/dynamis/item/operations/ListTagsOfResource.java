package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.catalog.TableDescriptions;
import io.dynamis.item.catalog.TableTags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** ListTagsOfResource: a table's tags, all in one page (a table has at most 50). */
@ApplicationScoped
public class ListTagsOfResource implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;

    public ListTagsOfResource(TableCatalog catalog, TableDescriptions descriptions) {
        this.catalog = catalog;
        this.descriptions = descriptions;
    }

    @Override
    public String name() {
        return "ListTagsOfResource";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String arn = TagRequests.resourceArn(request);
        request.string("NextToken");
        request.validate();
        ObjectNode response = Json.object();
        response.set("Tags", TableTags.toJson(TableTags.of(descriptions.requireByArn(catalog, arn))));
        return CompletableFuture.completedFuture(response);
    }
}
