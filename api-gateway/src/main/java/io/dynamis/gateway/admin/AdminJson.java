package io.dynamis.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** The admin API's JSON in and out: a request body that must be an object, an answer with its status. */
final class AdminJson {

    private AdminJson() {
    }

    /** The request's body when it is a JSON object; otherwise answers 400 and returns null. */
    static JsonNode body(RoutingContext ctx) {
        try {
            JsonNode body = Json.readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
            if (body instanceof ObjectNode) {
                return body;
            }
        } catch (RuntimeException e) {
            // answered below
        }
        answer(ctx, 400, Json.object().put("error", "BadRequest").put("message", "the body must be a JSON object"));
        return null;
    }

    static void answer(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(Json.toBytes(body)));
    }
}
