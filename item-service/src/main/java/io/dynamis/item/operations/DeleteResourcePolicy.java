package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.item.catalog.ResourcePolicies;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.catalog.TableDescriptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * DeleteResourcePolicy: removes the policy of a table or stream, durably; answers the RevisionId of the
 * deletion. No policy, or not the ExpectedRevisionId, is PolicyNotFoundException.
 */
@ApplicationScoped
public class DeleteResourcePolicy implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;

    public DeleteResourcePolicy(TableCatalog catalog, TableDescriptions descriptions) {
        this.catalog = catalog;
        this.descriptions = descriptions;
    }

    @Override
    public String name() {
        return "DeleteResourcePolicy";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String arn = TagRequests.resourceArn(request);
        String expected = TagRequests.expectedRevisionId(request);
        request.validate();
        ResourcePolicies.Target target = ResourcePolicies.target(catalog, descriptions, arn);
        String[] revision = new String[1];
        return catalog.update(target.table().name(), table -> {
            ResourcePolicies.Attached current = ResourcePolicies.of(table, target.streamLabel());
            if (current == null) {
                throw ResourcePolicies.notFound(arn);
            }
            ResourcePolicies.checkExpected(expected, current, arn);
            revision[0] = ResourcePolicies.nextRevision(current);
            return ResourcePolicies.with(table, target.streamLabel(), null);
        }).thenApply(table -> Json.object().put("RevisionId", revision[0]));
    }
}
