package io.dynamis.gateway.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.policy.PolicyDocument;
import java.util.List;

/**
 * PutResourcePolicy's guard against a caller locking itself out: a new resource-based policy after which
 * the caller could no longer change that policy ({@code dynamodb:PutResourcePolicy} on the resource,
 * judged by the caller's identity policy and the new document together) is refused unless the request
 * sets {@code ConfirmRemoveSelfResourceAccess} to true. The root principal is never checked: as
 * DynamoDB's root user, it may always put and delete a resource's policy.
 */
final class SelfLockout {

    static final String ACTION = "dynamodb:PutResourcePolicy";

    private SelfLockout() {
    }

    /**
     * Refuses the request when it is a PutResourcePolicy that would lock its caller out without confirming so.
     *
     * @param put the request's authorization context (its action and resource, the caller's keys)
     */
    static void check(AuthorizationContext put, List<PolicyDocument> identity, ObjectNode request) {
        if (!ACTION.equals(put.action()) || request.path("ConfirmRemoveSelfResourceAccess").asBoolean(false)) {
            return;
        }
        PolicyDocument next;
        try {
            next = PolicyDocument.parseResourcePolicy(request.path("Policy").asText(""));
        } catch (IllegalArgumentException e) {
            return; // not a policy: item-service refuses it with its reason
        }
        if (PolicyEvaluator.evaluate(identity, List.of(next), put) != PolicyEvaluator.Decision.ALLOW) {
            throw ApiError.validation("The resource-based policy would remove your permission to change the policy of "
                    + put.resource() + " (" + ACTION + "); set ConfirmRemoveSelfResourceAccess to true to confirm");
        }
    }
}
