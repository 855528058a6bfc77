package io.dynamis.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleRoutes;
import io.dynamis.gateway.auth.Principals;
import io.dynamis.gateway.auth.Security;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The principals of verify mode, as IAM's users and access keys ({@code /admin/principals}, described by
 * {@code /admin/openapi.json}): {@code POST /admin/principals {"name"}} creates one with an access key
 * (the secret is in this answer only), {@code GET} lists and shows them, {@code PUT .../{name}/policy}
 * sets its IAM policy, {@code POST .../{name}/sessions {"durationSeconds"}} issues temporary credentials,
 * {@code DELETE .../{name}} removes it (its keys stop working at once). Behind {@link AdminAuth}
 * ({@code dynamis:AdminPrincipals}); every change is audited. In open mode the routes answer 409: there
 * are no principals to manage.
 */
@ApplicationScoped
public class PrincipalAdminRoutes {

    private static final Logger LOG = Logger.getLogger(PrincipalAdminRoutes.class);

    private final Security security;
    private final AdminAuth auth;

    public PrincipalAdminRoutes(Security security, AdminConfig config) {
        this.security = security;
        this.auth = AdminAuth.of(config, security);
    }

    void mount(@Observes @Plays(Role.GATEWAY) RoleRoutes routes) {
        Router router = routes.router();
        router.route("/admin/principals*").handler(auth::check);
        router.route("/admin/principals*").handler(this::verifyModeOnly);
        router.route("/admin/principals*").handler(BodyHandler.create(false).setBodyLimit(65536));
        router.get("/admin/principals").handler(this::list);
        router.post("/admin/principals").handler(this::create);
        router.get("/admin/principals/:name").handler(this::show);
        router.put("/admin/principals/:name/policy").handler(this::putPolicy);
        router.post("/admin/principals/:name/sessions").handler(this::createSession);
        router.delete("/admin/principals/:name").handler(this::delete);
    }

    private void verifyModeOnly(RoutingContext ctx) {
        if (security.verifying()) {
            ctx.next();
        } else {
            AdminJson.answer(ctx, 409, Json.object().put("error", "Conflict")
                    .put("message", "principals exist in verify mode only (dynamis.auth.mode=verify)"));
        }
    }

    private void list(RoutingContext ctx) {
        security.principals().refresh().onComplete(done -> {
            ObjectNode out = Json.object();
            ArrayNode list = out.putArray("principals");
            security.principals().all().forEach(p -> list.add(Principals.shown(p)));
            AdminJson.answer(ctx, 200, out);
        });
    }

    private void show(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        security.principals().refresh().onComplete(done -> {
            Principals.Principal principal = security.principals().get(name);
            if (principal == null) {
                notFound(ctx, name);
            } else {
                AdminJson.answer(ctx, 200, Principals.shown(principal));
            }
        });
    }

    private void create(RoutingContext ctx) {
        JsonNode body = AdminJson.body(ctx);
        if (body != null) {
            String name = body.path("name").asText(null);
            changed(ctx, "CreatePrincipal", name, security.principals().create(name), 201);
        }
    }

    private void putPolicy(RoutingContext ctx) {
        JsonNode body = AdminJson.body(ctx);
        if (body == null) {
            return;
        }
        String name = ctx.pathParam("name");
        Future<ObjectNode> put;
        try {
            put = security.principals().putPolicy(name, body).map(record -> {
                Principals.Principal p = security.principals().get(name);
                return p != null ? Principals.shown(p) : record;
            });
        } catch (IllegalArgumentException e) {
            AdminJson.answer(ctx, 400, Json.object().put("error", "MalformedPolicyDocument").put("message", e.getMessage()));
            return;
        }
        changed(ctx, "PutPrincipalPolicy", name, put, 200);
    }

    private void createSession(RoutingContext ctx) {
        JsonNode body = AdminJson.body(ctx);
        if (body != null) {
            String name = ctx.pathParam("name");
            changed(ctx, "CreateSession", name, security.principals().createSession(name,
                    body.path("durationSeconds").asLong(3600)).map(session -> {
                        ObjectNode out = session.deepCopy();
                        out.put("expiration", java.time.Instant.ofEpochMilli(session.path("expiration").asLong()).toString());
                        return out;
                    }), 201);
        }
    }

    private void delete(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        changed(ctx, "DeletePrincipal", name, security.principals().delete(name).map(v -> null), 204);
    }

    private void changed(RoutingContext ctx, String action, String name, Future<ObjectNode> change, int status) {
        change.onComplete(result -> {
            if (result.succeeded()) {
                security.audit().adminChange(String.valueOf((Object) ctx.get(AdminAuth.CALLER)), "dynamis:" + action,
                        security.arns().user(String.valueOf(name)), Security.source(ctx.request()));
                if (result.result() == null) {
                    ctx.response().setStatusCode(status).end();
                } else {
                    AdminJson.answer(ctx, status, result.result());
                }
                return;
            }
            if (result.cause() instanceof ApiError error) {
                int code = switch (error.code().errorName()) {
                    case "ResourceNotFoundException" -> 404;
                    case "ResourceInUseException" -> 409;
                    case "ValidationException" -> 400;
                    default -> error.status();
                };
                AdminJson.answer(ctx, code, Json.object().put("error", error.code().errorName()).put("message", error.getMessage()));
            } else if (result.cause() instanceof IllegalArgumentException e) {
                AdminJson.answer(ctx, 400, Json.object().put("error", "MalformedPolicyDocument").put("message", e.getMessage()));
            } else {
                LOG.errorf(result.cause(), "admin %s failed", action);
                AdminJson.answer(ctx, 500, Json.object().put("error", "InternalError").put("message", "Internal server error"));
            }
        });
    }

    private static void notFound(RoutingContext ctx, String name) {
        AdminJson.answer(ctx, 404, Json.object().put("error", "NotFound").put("message", "no principal " + name));
    }


}
