package io.dynamis.gateway.auth;

import io.dynamis.core.policy.PolicyDocument;
import io.dynamis.core.policy.PolicyDocument.ConditionClause;
import io.dynamis.core.policy.PolicyDocument.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * IAM's evaluation of policies for one {@link AuthorizationContext}: denied unless a statement allows it,
 * and an explicit {@code Deny} that matches wins over every {@code Allow}. A statement matches when its
 * action ({@code Action} or the complement of {@code NotAction}, wildcards, any case), its resource
 * ({@code Resource} or the complement of {@code NotResource}, wildcards and policy variables), every
 * condition clause and, in a resource-based policy, its {@code Principal} ({@code *}, or the caller's ARN,
 * {@code aws:PrincipalArn}) match, or its {@code NotPrincipal} does not name the caller. The identity-based and resource-based policies of a request are
 * evaluated together as IAM does for access within one account ({@link #evaluate(List, List, AuthorizationContext)}).
 */
public final class PolicyEvaluator {

    /** The verdict, and for a refusal whether an explicit deny caused it. */
    public enum Decision {
        ALLOW, IMPLICIT_DENY, EXPLICIT_DENY,
        /** An explicit deny in the resource-based policy of the resource. */
        EXPLICIT_DENY_BY_RESOURCE_POLICY
    }

    private PolicyEvaluator() {
    }

    public static Decision evaluate(List<PolicyDocument> policies, AuthorizationContext request) {
        boolean allowed = false;
        for (PolicyDocument policy : policies) {
            for (Statement statement : policy.statements()) {
                if (matches(statement, request)) {
                    if (!statement.allow()) {
                        return Decision.EXPLICIT_DENY;
                    }
                    allowed = true;
                }
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    /**
     * Identity-based and resource-based policies together, as IAM decides access within one account: an
     * explicit deny in either wins; else an allow in either allows; else denied.
     */
    public static Decision evaluate(List<PolicyDocument> identity, List<PolicyDocument> resource, AuthorizationContext request) {
        Decision byIdentity = evaluate(identity, request);
        if (byIdentity == Decision.EXPLICIT_DENY || resource.isEmpty()) {
            return byIdentity;
        }
        Decision byResource = evaluate(resource, request);
        if (byResource == Decision.EXPLICIT_DENY) {
            return Decision.EXPLICIT_DENY_BY_RESOURCE_POLICY;
        }
        return byIdentity == Decision.ALLOW || byResource == Decision.ALLOW ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    static boolean matches(Statement statement, AuthorizationContext request) {
        if (statement.principals() != null
                && principalMatches(statement.principals(), request) == statement.notPrincipal()) {
            return false; // Principal: the caller is not named; NotPrincipal: it is (and so exempt)
        }
        boolean action = statement.actions().stream().anyMatch(a -> Wildcards.matches(a, request.action(), true));
        if (action == statement.notAction()) {
            return false;
        }
        boolean resource = false;
        for (String pattern : statement.resources()) {
            String substituted = substitute(pattern, request);
            if (substituted != null && Wildcards.matches(substituted, request.resource(), false)) {
                resource = true;
                break;
            }
        }
        if (resource == statement.notResource()) {
            return false;
        }
        for (ConditionClause clause : statement.conditions()) {
            List<String> values = new ArrayList<>(clause.values().size());
            for (String v : clause.values()) {
                values.add(substitute(v, request));
            }
            if (!Conditions.holds(clause.operator(), values, request.values(clause.key()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a resource-based statement's Principal names the caller: {@code *}, or its ARN. */
    private static boolean principalMatches(List<String> principals, AuthorizationContext request) {
        List<String> caller = request.values("aws:PrincipalArn");
        for (String principal : principals) {
            if (principal.equals("*") || (caller != null && caller.contains(principal))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A policy text with its variables ({@code ${aws:username}}, and {@code ${*}}, {@code ${?}},
     * {@code ${$}} for the literal characters) replaced by the request's single values; null when a
     * variable names a key the request does not carry (so the text matches nothing).
     */
    static String substitute(String text, AuthorizationContext request) {
        int at = text.indexOf("${");
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int from = 0;
        while (at >= 0) {
            int end = text.indexOf('}', at);
            if (end < 0) {
                break;
            }
            out.append(text, from, at);
            String name = text.substring(at + 2, end);
            switch (name) {
                case "*" -> out.append('*');
                case "?" -> out.append('?');
                case "$" -> out.append('$');
                default -> {
                    List<String> values = request.values(name);
                    if (values == null || values.size() != 1) {
                        return null;
                    }
                    out.append(values.get(0));
                }
            }
            from = end + 1;
            at = text.indexOf("${", from);
        }
        out.append(text.substring(from));
        return out.toString();
    }
}
