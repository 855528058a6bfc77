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
 * PutResourcePolicy: attaches a resource-based policy to a table or stream, durably with the table;
 * answers its RevisionId. The same document again keeps its revision; an ExpectedRevisionId that does
 * not match is PolicyNotFoundException. ConfirmRemoveSelfResourceAccess is only type-checked here: the
 * gateway, which knows the caller, refuses in verify mode a put that would lock it out without it
 * (io.dynamis.gateway.auth.SelfLockout).
 */
@ApplicationScoped
public class PutResourcePolicy implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;

    public PutResourcePolicy(TableCatalog catalog, TableDescriptions descriptions) {
        this.catalog = catalog;
        this.descriptions = descriptions;
    }

    @Override
    public String name() {
        return "PutResourcePolicy";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String arn = TagRequests.resourceArn(request);
        String policy = request.string("Policy");
        if (policy == null) {
            request.requirePresent("Policy", "policy");
        }
        String expected = TagRequests.expectedRevisionId(request);
        request.bool("ConfirmRemoveSelfResourceAccess");
        request.validate();
        ResourcePolicies.checkDocument(policy);
        ResourcePolicies.Target target = ResourcePolicies.target(catalog, descriptions, arn);
        String[] revision = new String[1];
        return catalog.update(target.table().name(), table -> {
            ResourcePolicies.Attached current = ResourcePolicies.of(table, target.streamLabel());
            ResourcePolicies.checkExpected(expected, current, arn);
            if (current != null && current.policy().equals(policy)) {
                revision[0] = current.revisionId();
                return table;
            }
            revision[0] = ResourcePolicies.nextRevision(current);
            return ResourcePolicies.with(table, target.streamLabel(), new ResourcePolicies.Attached(policy, revision[0]));
        }).thenApply(table -> Json.object().put("RevisionId", revision[0]));
    }
}
