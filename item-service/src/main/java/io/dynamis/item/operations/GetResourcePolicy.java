package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.item.catalog.ResourcePolicies;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.catalog.TableDescriptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** GetResourcePolicy: the policy attached to a table or stream and its RevisionId, or PolicyNotFoundException. */
@ApplicationScoped
public class GetResourcePolicy implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;

    public GetResourcePolicy(TableCatalog catalog, TableDescriptions descriptions) {
        this.catalog = catalog;
        this.descriptions = descriptions;
    }

    @Override
    public String name() {
        return "GetResourcePolicy";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String arn = TagRequests.resourceArn(request);
        request.validate();
        ResourcePolicies.Target target = ResourcePolicies.target(catalog, descriptions, arn);
        ResourcePolicies.Attached attached = ResourcePolicies.of(target.table(), target.streamLabel());
        if (attached == null) {
            throw ResourcePolicies.notFound(arn);
        }
        return CompletableFuture.completedFuture(Json.object().put("Policy", attached.policy())
                .put("RevisionId", attached.revisionId()));
    }
}
