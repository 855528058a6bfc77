package io.dynamis.gateway.admin;

import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.Roles;
import io.dynamis.gateway.auth.Security;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * What every admin call passes before its resource: only a process playing the gateway serves the admin
 * API (any other answers 404); then the credentials ({@link AdminAuth}, or the signature
 * {@link AdminSignatures} verified: 401 with a challenge, 403 or 429
 * otherwise); the principals' routes answer 409 outside verify mode. The caller's name is kept in the
 * routing context ({@link AdminAuth#CALLER}) for the audit log.
 */
@Singleton
public class AdminGate {

    private static final Logger LOG = Logger.getLogger(AdminGate.class);

    // looked up on the first request: RESTEasy Reactive creates its filters before the runtime configuration
    // (and so the roles and the admin credentials) is there
    private final Instance<Roles> roles;
    private final Instance<Security> security;
    private final Instance<AdminConfig> config;
    private volatile AdminAuth auth;

    public AdminGate(Instance<Roles> roles, Instance<Security> security, Instance<AdminConfig> config) {
        this.roles = roles;
        this.security = security;
        this.config = config;
    }

    void warnOfTheDefaultPassword(@Observes @Plays(Role.GATEWAY) RoleStart event, AdminConfig config) {
        if ("admin".equals(config.password())) {
            LOG.warn("The admin API (/admin/...) uses the default password: set DYNAMIS_GATEWAY_ADMIN_PASSWORD");
        }
    }

    @ServerRequestFilter
    public Response check(RoutingContext ctx) {
        if (!roles.get().hosts(Role.GATEWAY)) {
            return Response.status(404).build();
        }
        String path = ctx.request().path();
        String source = ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().hostAddress();
        Security.Caller signedBy = ctx.get(AdminSignatures.CALLER);
        AdminAuth.Verdict verdict = signedBy != null ? auth().checkSigned(signedBy, path, source)
                : auth().check(ctx.request().getHeader("Authorization"), path, source);
        if (!verdict.allowed()) {
            Response.ResponseBuilder refusal = Response.status(verdict.status()).type("application/json")
                    .entity(verdict.body());
            if (verdict.header() != null) {
                refusal.header(verdict.header(), verdict.headerValue());
            }
            return refusal.build();
        }
        ctx.put(AdminAuth.CALLER, verdict.caller());
        if (path.startsWith("/admin/principals") && !security.get().verifying()) {
            return AdminJson.error(409, "Conflict", "principals exist in verify mode only (dynamis.auth.mode=verify)");
        }
        return null;
    }

    private AdminAuth auth() {
        AdminAuth gate = auth;
        if (gate == null) {
            gate = AdminAuth.of(config.get(), security.get());
            auth = gate;
        }
        return gate;
    }
}
