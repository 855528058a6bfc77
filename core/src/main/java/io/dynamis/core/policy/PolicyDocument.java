package io.dynamis.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An IAM policy: {@code Version} 2012-10-17 and its statements, each with {@code Effect},
 * {@code Action} or {@code NotAction}, {@code Resource} or {@code NotResource} and an optional
 * {@code Condition} block; a resource-based policy's statements ({@link #parseResourcePolicy}) also name
 * their {@code Principal} ({@code "*"}, {@code {"AWS": arn or [arns]}}, {@code {"Service": ...}}) or, in a
 * {@code Deny}, their {@code NotPrincipal}; an identity-based policy's never.
 * Parsed once, when it is put; a document IAM would refuse is refused here with the reason
 * ({@link IllegalArgumentException}).
 */
public record PolicyDocument(List<Statement> statements) {

    public static final String VERSION = "2012-10-17";

    /**
     * One statement. {@code actions} (or {@code notActions}) and {@code resources} (or {@code notResources});
     * {@code principals}: the ARNs (or {@code *}) a resource-based policy's statement applies to, null in an
     * identity-based policy; with {@code notPrincipal} (a {@code Deny} only), those it does not apply to.
     */
    public record Statement(String sid, boolean allow, List<String> actions, boolean notAction, List<String> resources,
            boolean notResource, List<ConditionClause> conditions, List<String> principals, boolean notPrincipal) {
    }

    /** One operator of a Condition block with one key and its values, e.g. {@code StringEquals {"aws:username": ["alice"]}}. */
    public record ConditionClause(String operator, String key, List<String> values) {
    }

    /** Parses a policy document's JSON text. */
    public static PolicyDocument parse(String json) {
        return parse(tree(json), false);
    }

    /** Parses a resource-based policy's JSON text (its statements need a Principal). */
    public static PolicyDocument parseResourcePolicy(String json) {
        return parse(tree(json), true);
    }

    private static JsonNode tree(String json) {
        JsonNode root;
        try {
            root = Json.readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the policy is not JSON");
        }
        return root;
    }

    public static PolicyDocument parse(JsonNode root) {
        return parse(root, false);
    }

    private static PolicyDocument parse(JsonNode root, boolean resourceBased) {
        if (!(root instanceof ObjectNode)) {
            throw new IllegalArgumentException("the policy must be a JSON object");
        }
        if (!VERSION.equals(root.path("Version").asText(null))) {
            throw new IllegalArgumentException("the policy's Version must be \"" + VERSION + "\"");
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) {
            throw new IllegalArgumentException("the policy has no Statement");
        }
        List<Statement> statements = new ArrayList<>();
        if (statementNode.isArray()) {
            for (JsonNode s : statementNode) {
                statements.add(statement(s, resourceBased));
            }
        } else {
            statements.add(statement(statementNode, resourceBased));
        }
        return new PolicyDocument(List.copyOf(statements));
    }

    private static Statement statement(JsonNode s, boolean resourceBased) {
        if (!(s instanceof ObjectNode)) {
            throw new IllegalArgumentException("a Statement must be a JSON object");
        }
        String effect = s.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException("a Statement's Effect must be Allow or Deny");
        }
        if (!resourceBased && (s.has("Principal") || s.has("NotPrincipal"))) {
            throw new IllegalArgumentException("an identity-based policy has no Principal or NotPrincipal element");
        }
        boolean notPrincipal = s.has("NotPrincipal");
        if (notPrincipal && s.has("Principal")) {
            throw new IllegalArgumentException("a Statement has at most one of Principal and NotPrincipal");
        }
        if (notPrincipal && !effect.equals("Deny")) {
            throw new IllegalArgumentException("NotPrincipal must be used with \"Effect\":\"Deny\"");
        }
        List<String> principals = resourceBased ? principals(s.get(notPrincipal ? "NotPrincipal" : "Principal")) : null;
        boolean notAction = s.has("NotAction");
        if (notAction == s.has("Action")) {
            throw new IllegalArgumentException("a Statement needs exactly one of Action and NotAction");
        }
        boolean notResource = s.has("NotResource");
        if (notResource && s.has("Resource")) {
            throw new IllegalArgumentException("a Statement has at most one of Resource and NotResource");
        }
        List<String> actions = strings(s.get(notAction ? "NotAction" : "Action"), "Action");
        List<String> resources = s.has("Resource") || notResource
                ? strings(s.get(notResource ? "NotResource" : "Resource"), "Resource") : List.of("*");
        List<ConditionClause> conditions = new ArrayList<>();
        JsonNode condition = s.get("Condition");
        if (condition != null) {
            if (!condition.isObject()) {
                throw new IllegalArgumentException("a Condition must be a JSON object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                ConditionOperators.requireKnown(op.getKey());
                if (!op.getValue().isObject()) {
                    throw new IllegalArgumentException("the condition " + op.getKey() + " must map keys to values");
                }
                for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext();) {
                    Map.Entry<String, JsonNode> key = keys.next();
                    conditions.add(new ConditionClause(op.getKey(), key.getKey(), strings(key.getValue(), op.getKey())));
                }
            }
        }
        return new Statement(s.path("Sid").asText(null), effect.equals("Allow"), actions, notAction, resources,
                notResource, List.copyOf(conditions), principals, notPrincipal);
    }

    /**
     * A resource-based statement's Principal (or NotPrincipal): {@code "*"}, or an object with {@code "AWS"}
     * (ARNs, or {@code "*"}) and/or {@code "Service"} (AWS service principals such as
     * {@code glue.amazonaws.com}, kept as {@code service:<name>}: no Dynamis caller is one, so they never
     * match a request here).
     */
    private static List<String> principals(JsonNode principal) {
        if (principal == null) {
            throw new IllegalArgumentException("a Statement of a resource-based policy needs a Principal");
        }
        if (principal.isTextual() && principal.asText().equals("*")) {
            return List.of("*");
        }
        if (!principal.isObject() || principal.size() == 0) {
            throw new IllegalArgumentException("a Principal is \"*\" or {\"AWS\": ARNs, \"Service\": service principals}");
        }
        List<String> principals = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> kinds = principal.fields(); kinds.hasNext();) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            switch (kind.getKey()) {
                case "AWS" -> principals.addAll(strings(kind.getValue(), "Principal"));
                case "Service" -> strings(kind.getValue(), "Principal").forEach(service -> principals.add(SERVICE + service));
                default -> throw new IllegalArgumentException("a Principal names \"AWS\" or \"Service\" principals, not \""
                        + kind.getKey() + "\"");
            }
        }
        return List.copyOf(principals);
    }

    /** How a service principal is kept among a statement's principals (never an ARN nor {@code *}). */
    public static final String SERVICE = "service:";

    private static List<String> strings(JsonNode node, String what) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode v : node) {
                values.add(scalar(v, what));
            }
        } else if (node != null) {
            values.add(scalar(node, what));
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(what + " must name at least one value");
        }
        return List.copyOf(values);
    }

    private static String scalar(JsonNode v, String what) {
        if (!v.isValueNode() || v.isNull()) {
            throw new IllegalArgumentException(what + " values must be strings, numbers or booleans");
        }
        return v.asText();
    }
}
