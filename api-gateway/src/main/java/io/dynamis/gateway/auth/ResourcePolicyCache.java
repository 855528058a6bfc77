package io.dynamis.gateway.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.error.ForwardedError;
import io.dynamis.core.json.Json;
import io.dynamis.core.policy.PolicyDocument;
import io.dynamis.core.protocol.ServiceAnswer;
import io.dynamis.gateway.rest.RequestIds;
import io.dynamis.gateway.routing.OwningService;
import io.dynamis.gateway.routing.ServiceClients;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The resource-based policies of the tables and streams requests touch, from item-service's
 * GetResourcePolicy (item-service keeps them with the table), each kept a second ({@link RefreshingCache}): a policy
 * put or deleted through any gateway applies everywhere within that time. An index is governed by its
 * table's policy (whose statements may name the index's ARN), as in DynamoDB; backups and "every table"
 * have none. A stored policy the evaluator cannot read fails closed ({@link #readStored}), and so does one
 * that cannot be fetched ({@link #fetch}).
 */
final class ResourcePolicyCache {

    private static final Logger LOG = Logger.getLogger(ResourcePolicyCache.class);

    /** In place of a stored policy that cannot be read: every action on every resource denied to every principal. */
    static final PolicyDocument UNREADABLE = new PolicyDocument(List.of(new PolicyDocument.Statement("UnreadablePolicy",
            false, List.of("*"), false, List.of("*"), false, List.of(), List.of("*"), false)));

    private final ServiceClients services;
    /** By the ARN of a table or stream: its policy, or {@link Optional#empty()} for none. */
    private final RefreshingCache<Optional<PolicyDocument>> attached = new RefreshingCache<>(this::fetch);

    ResourcePolicyCache(ServiceClients services) {
        this.services = services;
    }

    /**
     * The ARN of the table or stream whose policy governs a resource ARN: the table of an index, the stream
     * itself, the table itself; null for what has no resource-based policy (all tables, backups).
     */
    static String attachedTo(String resource) {
        int table = resource.indexOf(":table/");
        if (table < 0 || resource.endsWith(":table/*")) {
            return null;
        }
        String[] path = resource.substring(table + ":table/".length()).split("/");
        if (path.length == 1) {
            return resource;
        }
        String tableArn = resource.substring(0, table + ":table/".length()) + path[0];
        return switch (path[1]) {
            case "index" -> tableArn;
            case "stream" -> path.length == 3 ? resource : null;
            default -> null;
        };
    }

    /** The policy that governs a resource ARN (loaded by {@link #load}), as a list of zero or one. */
    List<PolicyDocument> policiesOf(String resource) {
        String arn = attachedTo(resource);
        Optional<PolicyDocument> policy = arn == null ? null : attached.get(arn);
        return policy == null || policy.isEmpty() ? List.of() : List.of(policy.get());
    }

    /**
     * Makes sure the policies governing these resource ARNs are fresh; fails (InternalServerError) when one
     * could not be fetched: it is never taken for "no policy".
     */
    Future<Void> load(Collection<String> resources) {
        return attached.load(resources.stream().map(ResourcePolicyCache::attachedTo).filter(Objects::nonNull)
                .distinct().toList());
    }

    /**
     * What a stored policy means to authorization: the policy, or, when the evaluator cannot read it, one that
     * explicitly denies everything to everyone ({@link #UNREADABLE}): it fails closed, since ignoring it would
     * drop its Deny statements too. The error is logged, naming the table, each time the policy is read.
     */
    static PolicyDocument readStored(String arn, String text) {
        try {
            return PolicyDocument.parseResourcePolicy(text);
        } catch (IllegalArgumentException e) {
            LOG.errorf("the resource-based policy of table %s (%s) cannot be read (%s): every request it governs is"
                    + " refused until it is put again or deleted", tableOf(arn), arn, e.getMessage());
            return UNREADABLE;
        }
    }

    /** The name of the table of a table or stream ARN. */
    private static String tableOf(String arn) {
        String path = arn.substring(arn.indexOf(":table/") + ":table/".length());
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /**
     * item-service's answers that no policy is attached: there is none (PolicyNotFoundException), or the ARN
     * names no table or stream that could hold one (ResourceNotFoundException; ValidationException for an
     * ARN that is not a valid table or stream ARN): the request then fails on its table anyway.
     */
    private static final Set<ErrorCode> NO_POLICY = Set.of(ErrorCode.POLICY_NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND,
            ErrorCode.VALIDATION);

    /**
     * The policy attached to a table or stream, from item-service, or none ({@link #NO_POLICY}). Any other
     * answer, or none, fails: authorization then fails closed ({@link #unfetched}), since a policy that could
     * not be fetched may hold Deny statements.
     */
    private Future<Optional<PolicyDocument>> fetch(String arn) {
        byte[] request = Json.toBytes(Json.object().put("ResourceArn", arn));
        return services.forward(OwningService.ITEM, "DynamoDB_20120810.GetResourcePolicy", RequestIds.next(),
                Buffer.buffer(request)).recover(failure -> Future.failedFuture(unfetched(arn, failure)))
                .compose(answer -> policyIn(arn, answer));
    }

    /** The policy item-service's answer to GetResourcePolicy gives a table or stream, or none, or the failure. */
    static Future<Optional<PolicyDocument>> policyIn(String arn, ServiceAnswer answer) {
        ObjectNode body;
        try {
            body = ForwardedError.answerOf("item-service", answer.status(), answer.body().getBytes());
        } catch (ApiError e) {
            return NO_POLICY.contains(e.code()) ? Future.succeededFuture(Optional.empty())
                    : Future.failedFuture(unfetched(arn, e));
        }
        return Future.succeededFuture(Optional.of(readStored(arn, body.path("Policy").asText())));
    }

    /**
     * What a client is answered when the policy governing its request could not be fetched: DynamoDB's
     * InternalServerError (HTTP 500, which the SDKs retry), never "no policy"; the cause is logged.
     */
    static ApiError unfetched(String arn, Throwable cause) {
        LOG.errorf("the resource-based policy of table %s (%s) could not be fetched (%s): the request it governs is"
                + " refused", tableOf(arn), arn, cause.getMessage());
        return ApiError.internal("Internal server error");
    }
}
