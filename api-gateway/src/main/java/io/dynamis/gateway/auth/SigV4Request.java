package io.dynamis.gateway.auth;

import java.util.List;
import java.util.Map;

/**
 * What SigV4 verification reads of an HTTP request: the method, the path and query string as they came
 * on the wire (still percent-encoded), the headers (names in lower case, values in arrival order) and
 * the body bytes as received (before any Content-Encoding is undone, as AWS hashes them).
 */
public record SigV4Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
        byte[] body) {

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
