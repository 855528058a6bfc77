package io.dynamis.gateway.rest;

import io.dynamis.core.error.ApiError;
import io.netty.util.AsciiString;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB's first authentication check: a request must carry a SigV4 signature, in the
 * {@code Authorization} header or in the query string, with all its parts. Without one it is refused
 * as DynamoDB refuses it (MissingAuthenticationTokenException, IncompleteSignatureException,
 * InvalidSignatureException), with DynamoDB's messages. The signature itself is not verified yet.
 */
final class SignaturePresence {

    private static final String[] QUERY_PARAMETERS = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
        "X-Amz-SignedHeaders", "X-Amz-Date"};
    /**
     * The headers looked up on every request, as {@link AsciiString}s: Vert.x's header map reads their
     * case-insensitive hash from the name (computed once) instead of computing it from a String on each call.
     */
    private static final AsciiString AUTHORIZATION = AsciiString.cached("Authorization");
    private static final AsciiString X_AMZ_DATE = AsciiString.cached("X-Amz-Date");
    private static final AsciiString DATE = AsciiString.cached("Date");

    private SignaturePresence() {
    }

    /** Throws DynamoDB's error when the request carries no complete signature. */
    static void check(HttpServerRequest request) {
        String header = request.getHeader(AUTHORIZATION);
        boolean inQuery = request.query() != null && request.getParam("X-Amz-Algorithm") != null;
        if (header != null && inQuery) {
            throw ApiError.invalidSignature("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization'"
                    + " as HTTP header.");
        }
        if (header != null) {
            checkHeader(request, header);
        } else if (inQuery) {
            checkQuery(request);
        } else {
            throw ApiError.missingAuthenticationToken("Request is missing Authentication Token");
        }
    }

    private static void checkHeader(HttpServerRequest request, String header) {
        List<String> missing = new ArrayList<>();
        for (String part : new String[] {"Credential", "Signature", "SignedHeaders"}) {
            if (!hasParameter(header, part)) {
                missing.add("Authorization header requires '" + part + "' parameter.");
            }
        }
        if (request.getHeader(X_AMZ_DATE) == null && request.getHeader(DATE) == null) {
            missing.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!missing.isEmpty()) {
            throw ApiError.incompleteSignature(String.join(" ", missing) + " Authorization=" + header);
        }
    }

    /** Whether one of the header's comma-separated parts (after the algorithm) is {@code name=...}. */
    private static boolean hasParameter(String header, String name) {
        int space = header.indexOf(' ');
        int at = space < 0 ? 0 : space + 1;
        while (at < header.length()) {
            while (at < header.length() && header.charAt(at) <= ' ') {
                at++;
            }
            if (header.startsWith(name, at) && at + name.length() < header.length()
                    && header.charAt(at + name.length()) == '=') {
                return true;
            }
            int comma = header.indexOf(',', at);
            if (comma < 0) {
                return false;
            }
            at = comma + 1;
        }
        return false;
    }

    private static void checkQuery(HttpServerRequest request) {
        List<String> missing = new ArrayList<>();
        for (String parameter : QUERY_PARAMETERS) {
            if (request.getParam(parameter) == null) {
                missing.add("AWS query-string parameters must include '" + parameter + "'.");
            }
        }
        if (!missing.isEmpty()) {
            throw ApiError.incompleteSignature(String.join(" ", missing) + " Re-examine the query-string parameters.");
        }
    }
}
