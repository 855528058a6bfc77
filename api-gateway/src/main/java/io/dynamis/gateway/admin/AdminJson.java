package io.dynamis.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** The admin API's JSON in and out: a request body that must be an object, an answer with its status. */
final class AdminJson {

    /** The largest request body the admin API reads; a larger one is answered 413. */
    static final int MAX_BODY_BYTES = 65536;

    private AdminJson() {
    }

    /**
     * Answers with what {@code action} makes of the request's body when it is a JSON object (whatever its
     * Content-Type); with 400 otherwise, 413 when it is larger than {@link #MAX_BODY_BYTES}.
     */
    static CompletionStage<Response> withBody(byte[] bytes, Function<JsonNode, CompletionStage<Response>> action) {
        if (bytes != null && bytes.length > MAX_BODY_BYTES) {
            return answered(Response.status(413).build());
        }
        JsonNode body = object(bytes);
        return body != null ? action.apply(body) : answered(error(400, "BadRequest", "the body must be a JSON object"));
    }

    private static JsonNode object(byte[] bytes) {
        try {
            JsonNode body = Json.readTree(bytes == null ? new byte[0] : bytes);
            return body instanceof ObjectNode ? body : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Response answer(int status, JsonNode body) {
        return Response.status(status).type("application/json").entity(Json.toBytes(body)).build();
    }

    static CompletionStage<Response> answered(Response response) {
        return CompletableFuture.completedFuture(response);
    }

    static Response error(int status, String error, String message) {
        return answer(status, Json.object().put("error", error).put("message", message));
    }
}
