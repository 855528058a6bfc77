package io.dynamis.gateway.admin;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleRoutes;
import io.dynamis.gateway.auth.Security;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * SigV4-signed admin requests (verify mode): a request to {@code /admin/...} that carries a SigV4 signature
 * (the {@code Authorization: AWS4-HMAC-SHA256 ...} header or the presigned query string, credential scope
 * {@code <key>/<day>/<region>/dynamodb/aws4_request}, as {@code curl --aws-sigv4 "aws:amz:<region>:dynamodb"}
 * signs) has its body read and its signature verified here, before the admin resources run, by the same
 * verifier as the DynamoDB endpoint; the principal it names is then kept in the routing context
 * ({@link #CALLER}) for {@link AdminGate}, which decides as for HTTP Basic (the root principal, or a policy
 * that allows the route's {@code dynamis:Admin*} action). A bad signature is 401 with DynamoDB's reason, and
 * counts as a failed login.
 */
@ApplicationScoped
public class AdminSignatures {

    /** The routing-context property holding the verified caller of a signed admin request. */
    static final String CALLER = "dynamis.admin.signed-caller";
    /** Before the REST layer's routes, so that it finds the body this route has read. */
    private static final int ORDER = -1_000;
    private static final long MAX_BODY_BYTES = 1024 * 1024;

    private final Security security;

    public AdminSignatures(Security security) {
        this.security = security;
    }

    void mount(@Observes @Plays(Role.GATEWAY) RoleRoutes routes) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        routes.router().route("/admin/*").order(ORDER)
                .handler(ctx -> {
                    if (signed(ctx.request())) {
                        body.handle(ctx);
                    } else {
                        ctx.next();
                    }
                })
                .handler(this::verify);
    }

    private boolean signed(HttpServerRequest request) {
        if (!security.verifying()) {
            return false;
        }
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.startsWith("AWS4-HMAC-SHA256")
                || request.getParam("X-Amz-Signature") != null;
    }

    private void verify(RoutingContext ctx) {
        if (!signed(ctx.request())) {
            ctx.next();
            return;
        }
        String source = Security.source(ctx.request());
        if (AdminAuth.limited(source)) {
            refuse(ctx, 429, "TooManyRequests", "too many failed logins; try again later");
            return;
        }
        Buffer raw = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        try {
            ctx.put(CALLER, security.authenticate(ctx.request(), raw));
        } catch (ApiError e) {
            AdminAuth.fail(source);
            security.audit().adminRefused("bad-signature", null, ctx.request().path(), source);
            refuse(ctx, 401, "Unauthorized", e.code().errorName() + ": " + e.getMessage());
            return;
        }
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, int status, String error, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Json.object().put("error", error).put("message", message).toString());
    }
}
