package io.dynamis.gateway.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for browser clients (the JavaScript SDK in a page, dynamodb-admin): like DynamoDB, any origin
 * may call, a preflight is answered with the method and headers it asks for, and the headers SDKs
 * read are exposed.
 */
final class Cors {

    static final String EXPOSED_HEADERS =
            "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,x-amz-crc32,Date";
    static final String MAX_AGE_SECONDS = "172800";

    private Cors() {
    }

    /** Adds the headers an answer to a cross-origin request needs (nothing without an Origin). */
    static void addHeaders(HttpServerRequest request, HttpServerResponse response) {
        if (request.getHeader("Origin") != null) {
            response.putHeader("Access-Control-Allow-Origin", "*");
            response.putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    /** Answers a preflight ({@code OPTIONS}); the CORS headers only when it carries an Origin. */
    static void preflight(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        response.putHeader("x-amzn-RequestId", RequestIds.next());
        if (request.getHeader("Origin") == null) {
            response.setStatusCode(200).end();
            return;
        }
        addHeaders(request, response);
        String headers = request.getHeader("Access-Control-Request-Headers");
        if (headers != null) {
            response.putHeader("Access-Control-Allow-Headers", headers);
        }
        String method = request.getHeader("Access-Control-Request-Method");
        if (method != null) {
            response.putHeader("Access-Control-Allow-Methods", method);
        }
        response.putHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
        response.setStatusCode(200).end();
    }
}
