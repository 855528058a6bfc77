package io.dynamis.gateway.rest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Which requests the DynamoDB endpoint reads itself, ahead of the router's other routes and its body handler: those
 * that declare a length within the request limit and ask for nothing else of HTTP (no {@code Expect}, no
 * {@code Transfer-Encoding}), which is every request an SDK sends. The others (chunked, too large, expecting a
 * 100 Continue) take the router's way, whose handlers answer them as before.
 */
final class DeclaredLength {

    /** Digits of the longest length accepted (a request limit below 10^12 bytes). */
    private static final int MAX_DIGITS = 12;

    private DeclaredLength() {
    }

    /** True when the request's body may be read directly: a declared length of at most {@code limit} bytes. */
    static boolean within(HttpServerRequest request, long limit) {
        if (request.headers().contains(HttpHeaders.EXPECT) || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || length.isEmpty() || length.length() > MAX_DIGITS) {
            return false;
        }
        long value = 0;
        for (int i = 0; i < length.length(); i++) {
            char c = length.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= limit;
    }
}
