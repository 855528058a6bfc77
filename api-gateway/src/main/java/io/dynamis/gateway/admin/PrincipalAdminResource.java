package io.dynamis.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.policy.PolicyDocument;
import io.dynamis.gateway.auth.Principals;
import io.dynamis.gateway.auth.Security;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The principals of verify mode, as IAM's users and access keys: {@code POST /admin/principals {"name"}}
 * creates one with an access key (the secret is in this answer only), {@code GET} lists and shows them,
 * {@code PUT .../{name}/policy} sets its IAM policy, {@code POST .../{name}/sessions {"durationSeconds"}}
 * issues temporary credentials, {@code DELETE .../{name}} removes it (its keys stop working at once). Behind
 * {@link AdminGate} ({@code dynamis:AdminPrincipals}; 409 outside verify mode); every change is audited.
 */
@Path("principals")
@Tag(name = "Principals", description = "Verify mode's principals (dynamis.auth.mode=verify; 409 otherwise)")
public class PrincipalAdminResource {

    private static final Logger LOG = Logger.getLogger(PrincipalAdminResource.class);

    private final Security security;

    public PrincipalAdminResource(Security security) {
        this.security = security;
    }

    @GET
    @Operation(summary = "Every principal (never a secret)")
    @APIResponse(responseCode = "200", description = "{\"principals\": [Principal, ...]}",
            content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "409", description = "Not in verify mode", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AdminSchemas.AdminError.class)))
    public CompletionStage<Response> list() {
        return refreshed().map(done -> {
            ObjectNode out = Json.object();
            ArrayNode list = out.putArray("principals");
            security.principals().all().forEach(p -> list.add(Principals.shown(p)));
            return AdminJson.answer(200, out);
        }).toCompletionStage();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One principal (never a secret)")
    @APIResponse(responseCode = "200", description = "The principal", content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "404", description = "No such principal", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AdminSchemas.AdminError.class)))
    public CompletionStage<Response> show(@PathParam("name") String name) {
        return refreshed().map(done -> {
            Principals.Principal principal = security.principals().get(name);
            return principal == null ? AdminJson.error(404, "NotFound", "no principal " + name)
                    : AdminJson.answer(200, Principals.shown(principal));
        }).toCompletionStage();
    }

    @POST
    @Operation(summary = "Creates a principal with an access key; the secret is in this answer only")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AdminSchemas.PrincipalRequest.class)))
    @APIResponse(responseCode = "201", description = "The principal and its access key, secret included",
            content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "400", description = "Not a JSON object, or a bad name", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AdminSchemas.AdminError.class)))
    @APIResponse(responseCode = "409", description = "The principal exists, or not in verify mode", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AdminSchemas.AdminError.class)))
    public CompletionStage<Response> create(byte[] bytes, @Context RoutingContext ctx) {
        return AdminJson.withBody(bytes, body -> {
            String name = body.path("name").asText(null);
            return changed(ctx, "CreatePrincipal", name, security.principals().create(name), 201);
        });
    }

    @PUT
    @Path("{name}/policy")
    @Operation(summary = "Sets the principal's IAM identity-based policy (Version 2012-10-17), replacing any other")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AdminSchemas.PolicyDocument.class)))
    @APIResponse(responseCode = "200", description = "The principal with its policy", content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "400", description = "Not a JSON object, or a malformed policy document", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AdminSchemas.AdminError.class)))
    @APIResponse(responseCode = "404", description = "No such principal", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AdminSchemas.AdminError.class)))
    public CompletionStage<Response> putPolicy(@PathParam("name") String name, byte[] bytes, @Context RoutingContext ctx) {
        return AdminJson.withBody(bytes, policy -> putPolicy(name, policy, ctx));
    }

    private CompletionStage<Response> putPolicy(String name, JsonNode body, RoutingContext ctx) {
        Future<ObjectNode> put;
        try {
            put = security.principals().putPolicy(name, body).map(record -> {
                Principals.Principal p = security.principals().get(name);
                return p != null ? Principals.shown(p) : record;
            });
        } catch (IllegalArgumentException e) {
            return AdminJson.answered(AdminJson.error(400, "MalformedPolicyDocument", e.getMessage()));
        }
        return changed(ctx, "PutPrincipalPolicy", name, put, 200);
    }

    @POST
    @Path("{name}/sessions")
    @Operation(summary = "Issues temporary credentials of the principal (its policy applies); requests signed with"
            + " them carry the token in X-Amz-Security-Token")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AdminSchemas.SessionRequest.class)))
    @APIResponse(responseCode = "201", description = "accessKeyId, secretAccessKey, sessionToken, expiration",
            content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "400", description = "Not a JSON object, or a duration out of range", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AdminSchemas.AdminError.class)))
    @APIResponse(responseCode = "404", description = "No such principal", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AdminSchemas.AdminError.class)))
    public CompletionStage<Response> createSession(@PathParam("name") String name, byte[] bytes, @Context RoutingContext ctx) {
        return AdminJson.withBody(bytes, body -> changed(ctx, "CreateSession", name, security.principals().createSession(name,
                body.path("durationSeconds").asLong(3600)).map(session -> {
                    ObjectNode out = session.deepCopy();
                    out.put("expiration", Instant.ofEpochMilli(session.path("expiration").asLong()).toString());
                    return out;
                }), 201));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Deletes a principal: its keys stop working at once here, on every other gateway within"
            + " dynamis.auth.principals-refresh")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such principal", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AdminSchemas.AdminError.class)))
    public CompletionStage<Response> delete(@PathParam("name") String name, @Context RoutingContext ctx) {
        return changed(ctx, "DeletePrincipal", name, security.principals().delete(name).map(v -> null), 204);
    }

    /** The principals read again from backup-service; what is known already if that fails. */
    private Future<Void> refreshed() {
        return security.principals().refresh().recover(e -> Future.succeededFuture());
    }

    /** Audits a change that succeeded and answers it; maps a failed one to its status. */
    private CompletionStage<Response> changed(RoutingContext ctx, String action, String name, Future<ObjectNode> change,
            int status) {
        return change.map(result -> {
            security.audit().adminChange(String.valueOf((Object) ctx.get(AdminAuth.CALLER)), "dynamis:" + action,
                    security.arns().user(String.valueOf(name)), Security.source(ctx.request()));
            return result == null ? Response.status(status).build() : AdminJson.answer(status, result);
        }).otherwise(cause -> {
            if (cause instanceof ApiError error) {
                int code = switch (error.code().errorName()) {
                    case "ResourceNotFoundException" -> 404;
                    case "ResourceInUseException" -> 409;
                    case "ValidationException" -> 400;
                    default -> error.status();
                };
                return AdminJson.error(code, error.code().errorName(), error.getMessage());
            }
            if (cause instanceof IllegalArgumentException e) {
                return AdminJson.error(400, "MalformedPolicyDocument", e.getMessage());
            }
            LOG.errorf(cause, "admin %s failed", action);
            return AdminJson.error(500, "InternalError", "Internal server error");
        }).toCompletionStage();
    }
}
