package io.dynamis.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One structured line per refused request and per admin change, on the {@code io.dynamis.audit} logger
 * ({@code audit event=... principal=... action=... resource=... reason=... source=...}), and the
 * Prometheus counters {@code dynamis_auth_failures_total{reason}} (authentication: the error's name) and
 * {@code dynamis_auth_denials_total{reason}} (authorization: implicit or explicit deny).
 */
public final class AuditLog {

    private static final Logger LOG = Logger.getLogger("io.dynamis.audit");

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public AuditLog(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request whose signature or credentials were refused. */
    public void authenticationFailed(String reason, String accessKeyId, String source, String detail) {
        count("dynamis.auth.failures", reason);
        LOG.infof("audit event=authentication-failed reason=%s accessKeyId=%s source=%s detail=\"%s\"", reason,
                accessKeyId == null ? "-" : accessKeyId, source, detail);
    }

    /** A request a policy does not allow. */
    public void denied(String principalArn, String action, String resource, boolean explicit, String source) {
        count("dynamis.auth.denials", explicit ? "explicit-deny" : "implicit-deny");
        LOG.infof("audit event=access-denied principal=%s action=%s resource=%s reason=%s source=%s", principalArn,
                action, resource, explicit ? "explicit-deny" : "no-allow", source);
    }

    /** An admin API login refused (wrong credentials, not allowed, or rate-limited). */
    public void adminRefused(String reason, String user, String path, String source) {
        count("dynamis.auth.failures", "admin-" + reason);
        LOG.infof("audit event=admin-refused reason=%s user=%s path=%s source=%s", reason, user == null ? "-" : user,
                path, source);
    }

    /** A change made through the admin API. */
    public void adminChange(String principalArn, String action, String resource, String source) {
        LOG.infof("audit event=admin-change principal=%s action=%s resource=%s source=%s", principalArn, action,
                resource, source);
    }

    private void count(String name, String reason) {
        counters.computeIfAbsent(name + "|" + reason, k -> Counter.builder(name).tag("reason", reason)
                .description("refused requests by reason").register(registry)).increment();
    }
}
