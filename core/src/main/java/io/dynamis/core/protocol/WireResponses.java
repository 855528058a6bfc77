package io.dynamis.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes DynamoDB JSON 1.0 responses, successes and errors alike, in one place. */
public final class WireResponses {

    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private WireResponses() {
    }

    public static void ok(HttpServerResponse response, JsonNode body) {
        send(response, 200, Json.toBytes(body));
    }

    public static void error(HttpServerResponse response, ApiError error) {
        send(response, error.status(), Json.toBytes(error.toJson()));
    }

    public static void send(HttpServerResponse response, int status, byte[] body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", CONTENT_TYPE)
                .end(Buffer.buffer(body));
    }
}
