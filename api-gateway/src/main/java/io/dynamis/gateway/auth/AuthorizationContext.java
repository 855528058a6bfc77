package io.dynamis.gateway.auth;

import java.util.List;
import java.util.Map;

/**
 * One thing to authorize: an action ({@code dynamodb:GetItem}) on a resource (an ARN) with the request's
 * condition keys ({@code dynamodb:LeadingKeys}, {@code aws:username}, ...: each key to its values, absent
 * when the request does not carry it). A request is one or several of these (a batch: one per table; a
 * transaction: one per item); it is served only if every one is allowed.
 */
public record AuthorizationContext(String action, String resource, Map<String, List<String>> keys) {

    /** The values of a condition key (any case), or null when the request does not carry it. */
    public List<String> values(String key) {
        List<String> v = keys.get(key);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, List<String>> e : keys.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }
}
