package io.dynamis.core.policy;

import java.util.Set;

/**
 * The names of IAM's condition operators a policy may use: the string, numeric, boolean, IP address and
 * ARN operators and {@code Null}, each optionally prefixed by a set operator ({@code ForAllValues:},
 * {@code ForAnyValue:}) and, but for {@code Null}, suffixed by {@code IfExists}. Shared by whoever accepts
 * a policy ({@link PolicyDocument}) and whoever evaluates one (the gateway's conditions), so that what
 * is accepted can be evaluated.
 */
public final class ConditionOperators {

    private static final Set<String> BASE = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals",
            "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "Bool",
            "IpAddress", "NotIpAddress", "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike", "Null");

    private ConditionOperators() {
    }

    /** Refuses (IllegalArgumentException) an operator that is none of IAM's. */
    public static void requireKnown(String operator) {
        String base = base(operator);
        if (!BASE.contains(base) || (base.equals("Null") && !operator.equals("Null"))) {
            throw new IllegalArgumentException("unknown condition operator " + operator);
        }
    }

    /** An operator without its set prefix and its IfExists suffix ({@code ForAnyValue:StringLikeIfExists}: StringLike). */
    public static String base(String operator) {
        String op = operator;
        if (op.startsWith("ForAllValues:")) {
            op = op.substring("ForAllValues:".length());
        } else if (op.startsWith("ForAnyValue:")) {
            op = op.substring("ForAnyValue:".length());
        }
        if (op.endsWith("IfExists")) {
            op = op.substring(0, op.length() - "IfExists".length());
        }
        return op;
    }
}
