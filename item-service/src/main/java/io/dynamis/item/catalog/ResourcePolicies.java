package io.dynamis.item.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.policy.PolicyDocument;
import io.dynamis.core.table.StreamHistory;
import io.dynamis.core.table.TableDefinition;
import java.nio.charset.StandardCharsets;

/**
 * The resource-based policies of a table and of its streams, kept in the table's definition (so they are
 * as durable as the table, go where it goes, and go away with it): {@code ResourcePolicy} for the table,
 * {@code StreamResourcePolicies} (by stream label) for its streams, each {@code {"Policy", "RevisionId"}}.
 * A revision id is the time of the change in epoch milliseconds, always later than the previous one; the
 * same document put again keeps its revision (PutResourcePolicy is idempotent). The gateway evaluates the
 * documents; here they are checked before they are stored: at most 20 KB (whitespace counted), and
 * readable by the gateway's evaluator ({@link #checkDocument}).
 */
public final class ResourcePolicies {

    /** DynamoDB's limit on a resource-based policy document, in bytes. */
    public static final int MAX_BYTES = 20 * 1024;
    /** What ExpectedRevisionId says to attach a policy only where there is none. */
    public static final String NO_POLICY = "NO_POLICY";
    private static final String TABLE_MEMBER = "ResourcePolicy";
    private static final String STREAMS_MEMBER = "StreamResourcePolicies";

    /** A policy attached to a resource. */
    public record Attached(String policy, String revisionId) {
    }

    /** The resource a policy is attached to: a table, or one of its streams ({@code streamLabel} not null). */
    public record Target(String arn, TableDefinition table, String streamLabel) {
    }

    private ResourcePolicies() {
    }

    /**
     * The table or stream an ARN names ({@code ...:table/T} or {@code ...:table/T/stream/<label>}), with
     * DynamoDB's errors for an ARN that names neither, a table that does not exist or a stream it never had.
     */
    public static Target target(TableCatalog catalog, TableDescriptions descriptions, String arn) {
        int at = arn.indexOf("/stream/");
        TableDefinition table = descriptions.requireByArn(catalog, at < 0 ? arn : arn.substring(0, at));
        String label = at < 0 ? null : arn.substring(at + "/stream/".length());
        if (label != null && StreamHistory.of(table.extra()).stream().noneMatch(s -> s.label().equals(label))) {
            throw ApiError.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
        }
        return new Target(arn, table, label);
    }

    /** The policy attached to the target (as the table is now), or null. */
    public static Attached of(TableDefinition table, String streamLabel) {
        JsonNode extra = table.extra();
        JsonNode node = extra == null ? null
                : streamLabel == null ? extra.get(TABLE_MEMBER) : extra.path(STREAMS_MEMBER).get(streamLabel);
        if (node == null || !node.hasNonNull("Policy")) {
            return null;
        }
        return new Attached(node.path("Policy").asText(), node.path("RevisionId").asText());
    }

    /** The table with the target's policy replaced by {@code attached}, or removed when it is null. */
    public static TableDefinition with(TableDefinition table, String streamLabel, Attached attached) {
        ObjectNode extra = table.extra() == null ? Json.object() : table.extra().deepCopy();
        ObjectNode holder = extra;
        String member = TABLE_MEMBER;
        if (streamLabel != null) {
            holder = extra.get(STREAMS_MEMBER) instanceof ObjectNode streams ? streams : extra.putObject(STREAMS_MEMBER);
            member = streamLabel;
        }
        if (attached == null) {
            holder.remove(member);
        } else {
            holder.putObject(member).put("Policy", attached.policy()).put("RevisionId", attached.revisionId());
        }
        return table.withExtra(extra);
    }

    /** Attaches CreateTable's ResourcePolicy to the new table's {@code extra}, its revision the creation time. */
    static void attachAtCreation(ObjectNode extra, String policy, long nowMillis) {
        extra.putObject(TABLE_MEMBER).put("Policy", policy).put("RevisionId", Long.toString(nowMillis));
    }

    /** The revision id of a change now: the time, later than the previous revision's. */
    public static String nextRevision(Attached previous) {
        long now = System.currentTimeMillis();
        if (previous != null) {
            try {
                now = Math.max(now, Long.parseLong(previous.revisionId()) + 1);
            } catch (NumberFormatException ignored) {
                // an id of another form: time alone orders it
            }
        }
        return Long.toString(now);
    }

    /**
     * Refuses an ExpectedRevisionId that does not match what is attached ({@link #NO_POLICY}: that nothing
     * is) with PolicyNotFoundException, as DynamoDB does.
     */
    public static void checkExpected(String expected, Attached current, String arn) {
        if (expected == null) {
            return;
        }
        if (NO_POLICY.equals(expected)) {
            if (current != null) {
                throw ApiError.policyNotFound("Resource-based policy already exists for the provided ResourceArn: "
                        + arn + ". Requested policy with revision id " + NO_POLICY + ", but the policy associated to"
                        + " the resource has revision id " + current.revisionId() + ".");
            }
            return;
        }
        if (current == null) {
            throw notFound(arn);
        }
        if (!expected.equals(current.revisionId())) {
            throw ApiError.policyNotFound("Resource-based policy not found for the provided ResourceArn: Requested"
                    + " update for policy with revision id " + expected + ", but the policy associated to target "
                    + arn + " has revision id " + current.revisionId() + ".");
        }
    }

    public static ApiError notFound(String arn) {
        return ApiError.policyNotFound("Resource-based policy not found for the provided ResourceArn: " + arn);
    }

    /**
     * Refuses a document over 20 KB (LimitExceededException) or one the gateway could not evaluate
     * (ValidationException, with the reason): it is read as the gateway reads it ({@link PolicyDocument}),
     * so that a policy accepted here is never one that fails closed there.
     */
    public static void checkDocument(String policy) {
        if (policy.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiError.limitExceeded("Policy document size exceeds the maximum allowed size of 20 KB");
        }
        try {
            PolicyDocument.parseResourcePolicy(policy);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static ApiError invalid(String reason) {
        return ApiError.validation("Invalid policy document: " + reason);
    }
}
