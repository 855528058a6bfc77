package io.dynamis.gateway.auth;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What SigV4 verification reads of an HTTP request: the method, the path and query string as they came
 * on the wire (still percent-encoded), the headers (looked up by lower-case name, values in arrival
 * order) and the body bytes as received (before any Content-Encoding is undone, as AWS hashes them).
 * The gateway hands over views of the request it already holds ({@link Security#signedRequest}): no
 * header map and no body is copied to verify a signature.
 */
public record SigV4Request(String method, String rawPath, String rawQuery, HeaderValues headers, ByteBuffer body) {

    /** A request's headers: the values of one (name in lower case) in arrival order, or null or empty when absent. */
    @FunctionalInterface
    public interface HeaderValues {
        List<String> of(String lowerCaseName);

        /**
         * For each name (lower case), into the same index: the header's value when it came exactly once, else
         * null (absent or repeated: {@link #of} reads it). A view may answer all of them in one pass over the
         * request's headers, without a list per name.
         */
        default void singleValues(HeaderNames lowerCaseNames, String[] into) {
            for (int i = 0; i < lowerCaseNames.size(); i++) {
                List<String> values = of(lowerCaseNames.names().get(i));
                into[i] = values != null && values.size() == 1 ? values.get(0) : null;
            }
        }

        /** The first value of a header (name in lower case), or null; a view may answer it without a list. */
        default String first(String lowerCaseName) {
            List<String> values = of(lowerCaseName);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A request with its headers in a map (names in lower case) and its body in an array. */
    public SigV4Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        this(method, rawPath, rawQuery, headers::get, ByteBuffer.wrap(body));
    }

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        return headers.first(name.toLowerCase(Locale.ROOT));
    }
}
