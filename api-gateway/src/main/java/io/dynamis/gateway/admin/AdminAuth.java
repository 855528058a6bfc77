package io.dynamis.gateway.admin;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The admin API's gate: HTTP Basic with the configured user name and password, or the configured bearer
 * token. Anything else is 401 with a {@code WWW-Authenticate} challenge. Comparisons take constant time.
 */
final class AdminAuth {

    private final byte[] basic;
    private final byte[] bearer;

    AdminAuth(AdminConfig config) {
        this.basic = ("Basic " + Base64.getEncoder().encodeToString(
                (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        this.bearer = config.token().filter(t -> !t.isBlank())
                .map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** Lets an authorized request through; answers 401 to any other. */
    void check(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(given, basic) || bearer != null && MessageDigest.isEqual(given, bearer)) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", "Basic realm=\"dynamis-admin\"")
                .putHeader("Content-Type", "application/json")
                .end("{\"error\":\"Unauthorized\",\"message\":\"admin credentials required\"}");
    }
}
