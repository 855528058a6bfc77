package io.dynamis.gateway.auth;

import io.dynamis.core.policy.ConditionOperators;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;

/**
 * IAM's condition operators: the string, numeric, boolean, IP address and ARN operators, {@code Null},
 * the set prefixes {@code ForAllValues:} and {@code ForAnyValue:} and the {@code IfExists} suffix, with
 * IAM's rules for a key the request does not carry (false, but true for the negated operators and with
 * IfExists; {@code ForAllValues} true). Condition values may hold policy variables ({@code ${aws:username}}),
 * substituted before matching.
 */
final class Conditions {

    private Conditions() {
    }

    /**
     * Whether a clause holds for the request's values of its key (null when the request does not carry
     * the key); the policy's values have had their variables substituted (a value whose variable the
     * request lacks is null and matches nothing).
     */
    static boolean holds(String operator, List<String> policyValues, List<String> requestValues) {
        boolean forAll = operator.startsWith("ForAllValues:");
        boolean forAny = operator.startsWith("ForAnyValue:");
        boolean ifExists = operator.endsWith("IfExists");
        String base = ConditionOperators.base(operator);
        boolean present = requestValues != null && !requestValues.isEmpty();
        if (base.equals("Null")) {
            boolean wantAbsent = policyValues.stream().anyMatch(v -> v.equalsIgnoreCase("true"));
            return wantAbsent != present;
        }
        boolean negated = base.contains("Not");
        if (forAll) {
            if (!present) {
                return true;
            }
            return requestValues.stream().allMatch(value -> matchesAny(base, policyValues, value));
        }
        if (forAny) {
            return present && requestValues.stream().anyMatch(value -> matchesAny(base, policyValues, value));
        }
        if (!present) {
            return ifExists || negated;
        }
        // a single-valued operator on a key of several values: every value must satisfy it
        return requestValues.stream().allMatch(value -> matchesAny(base, policyValues, value));
    }

    /** A positive operator: the value matches one of the policy's; a negated one: it matches none. */
    private static boolean matchesAny(String base, List<String> policyValues, String value) {
        BiPredicate<String, String> match = matcher(base);
        boolean any = false;
        for (String p : policyValues) {
            if (p != null && match.test(p, value)) {
                any = true;
                break;
            }
        }
        return base.contains("Not") ? !any : any;
    }

    private static BiPredicate<String, String> matcher(String base) {
        return switch (base.replace("Not", "")) {
            case "StringEquals", "ArnEquals" -> String::equals;
            case "StringEqualsIgnoreCase" -> String::equalsIgnoreCase;
            case "StringLike", "ArnLike" -> (p, v) -> Wildcards.matches(p, v, false);
            case "NumericEquals" -> (p, v) -> compare(p, v) == 0;
            case "NumericLessThan" -> (p, v) -> compare(p, v) > 0;
            case "NumericLessThanEquals" -> (p, v) -> compare(p, v) >= 0;
            case "NumericGreaterThan" -> (p, v) -> compare(p, v) < 0 && compare(p, v) != Integer.MIN_VALUE;
            case "NumericGreaterThanEquals" -> (p, v) -> compare(p, v) <= 0 && compare(p, v) != Integer.MIN_VALUE;
            case "Bool" -> (p, v) -> p.toLowerCase(Locale.ROOT).equals(v.toLowerCase(Locale.ROOT));
            case "IpAddress" -> Conditions::inCidr;
            default -> (p, v) -> false;
        };
    }

    /** policy value compared with the request's (sign of policy - value); MIN_VALUE when either is no number. */
    private static int compare(String policy, String value) {
        try {
            return new BigDecimal(policy).compareTo(new BigDecimal(value));
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    /** Whether the address lies in the CIDR block (or equals the address) the policy names. */
    static boolean inCidr(String cidr, String address) {
        try {
            int slash = cidr.indexOf('/');
            byte[] network = InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
            byte[] ip = InetAddress.getByName(address).getAddress();
            if (network.length != ip.length) {
                return false;
            }
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((network[i] & mask) != (ip[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
