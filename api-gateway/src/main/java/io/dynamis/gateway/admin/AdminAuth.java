package io.dynamis.gateway.admin;

import io.dynamis.gateway.auth.Security;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admin API's gate: HTTP Basic with the configured user name and password, or the configured bearer
 * token; in verify mode also HTTP Basic with a principal's access key id and secret, or a request signed
 * with them (SigV4, verified by {@link AdminSignatures}), when it is the root
 * principal or its policy allows the route's admin action ({@code dynamis:AdminPrincipals},
 * {@code dynamis:AdminBackups}, {@code dynamis:AdminCache}). Anything else is 401 with a
 * {@code WWW-Authenticate} challenge, or 403 for a principal not allowed. Comparisons take constant time.
 * In verify mode failed logins are rate-limited per client address: after {@link #MAX_FAILURES} in a
 * {@link #WINDOW_MILLIS} window every login from it is 429 until the window ends (right or wrong, so
 * that guessing learns nothing meanwhile).
 */
final class AdminAuth {

    /** The request property under which the admin caller (a user name or access key id) is kept. */
    static final String CALLER = "dynamis.admin.caller";
    static final int MAX_FAILURES = 10;
    static final long WINDOW_MILLIS = 60_000;

    private record Failures(long windowStart, int count) {
    }

    private final byte[] basic;
    private final byte[] bearer;
    /** How verify mode checks a principal's admin login, and audits a refusal. */
    interface Logins {
        /** Whether the key and secret are right and allow the action (with no action: are right at all). */
        boolean mayAdminister(String accessKeyId, String secret, String action);

        /** Whether a principal (whose signature was verified) may take the admin action. */
        boolean mayAdminister(Security.Caller caller, String action);

        void refused(String reason, String user, String path, String source);
    }

    private final Logins security;
    /** Shared by every admin route of the process. */
    private static final Map<String, Failures> failures = new ConcurrentHashMap<>();

    AdminAuth(AdminConfig config) {
        this(config, null);
    }

    /** The gate of a route: with principals' logins and rate limiting in verify mode. */
    static AdminAuth of(AdminConfig config, Security security) {
        return new AdminAuth(config, !security.verifying() ? null : new Logins() {
            @Override
            public boolean mayAdminister(String accessKeyId, String secret, String action) {
                return security.mayAdminister(accessKeyId, secret, action);
            }

            @Override
            public boolean mayAdminister(Security.Caller caller, String action) {
                return security.mayAdminister(caller.principal(), action);
            }

            @Override
            public void refused(String reason, String user, String path, String source) {
                security.audit().adminRefused(reason, user, path, source);
            }
        });
    }

    AdminAuth(AdminConfig config, Logins security) {
        this.basic = ("Basic " + Base64.getEncoder().encodeToString(
                (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        this.bearer = config.token().filter(t -> !t.isBlank())
                .map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.security = security;
    }

    /**
     * The gate's verdict on a request: {@link #allowed()} with the caller's name (a user name or an access
     * key id), or the refusal to answer with (401 with a challenge, 403, 429) and its JSON body.
     */
    record Verdict(String caller, int status, String header, String headerValue, String body) {

        static Verdict allow(String caller) {
            return new Verdict(caller, 200, null, null, null);
        }

        static Verdict refuse(int status, String header, String headerValue, String body) {
            return new Verdict(null, status, header, headerValue, body);
        }

        boolean allowed() {
            return caller != null;
        }
    }

    /** Decides on a request to {@code path} with this {@code Authorization} header from {@code source}. */
    Verdict check(String header, String path, String source) {
        if (security != null && limited(source)) {
            security.refused("rate-limited", null, path, source);
            return Verdict.refuse(429, "Retry-After", Long.toString(WINDOW_MILLIS / 1000),
                    "{\"error\":\"TooManyRequests\",\"message\":\"too many failed logins; try again later\"}");
        }
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(given, basic) || bearer != null && MessageDigest.isEqual(given, bearer)) {
            return Verdict.allow("operator");
        }
        String[] credentials = security == null ? null : basicCredentials(header);
        if (credentials != null) {
            Principal verdict = principal(credentials, action(path));
            if (verdict == Principal.ALLOWED) {
                return Verdict.allow(credentials[0]);
            }
            if (verdict == Principal.NOT_ALLOWED) {
                security.refused("not-allowed", credentials[0], path, source);
                return Verdict.refuse(403, null, null,
                        "{\"error\":\"Forbidden\",\"message\":\"the principal may not " + action(path) + "\"}");
            }
        }
        if (security != null) {
            fail(source);
            security.refused("bad-credentials", credentials == null ? null : credentials[0], path, source);
        }
        return Verdict.refuse(401, "WWW-Authenticate", "Basic realm=\"dynamis-admin\"",
                "{\"error\":\"Unauthorized\",\"message\":\"admin credentials required\"}");
    }

    /** Decides on a SigV4-signed request to {@code path} whose signature {@link AdminSignatures} verified. */
    Verdict checkSigned(Security.Caller caller, String path, String source) {
        String user = caller.key().accessKeyId();
        if (security != null && security.mayAdminister(caller, action(path))) {
            return Verdict.allow(user);
        }
        if (security != null) {
            security.refused("not-allowed", user, path, source);
        }
        return Verdict.refuse(403, null, null,
                "{\"error\":\"Forbidden\",\"message\":\"the principal may not " + action(path) + "\"}");
    }

    private enum Principal { ALLOWED, NOT_ALLOWED, UNKNOWN }

    private Principal principal(String[] credentials, String action) {
        if (security.mayAdminister(credentials[0], credentials[1], action)) {
            return Principal.ALLOWED;
        }
        // a correct key and secret whose policy does not allow the action
        return security.mayAdminister(credentials[0], credentials[1], null) ? Principal.NOT_ALLOWED : Principal.UNKNOWN;
    }

    /** The admin action a path needs. */
    static String action(String path) {
        if (path.startsWith("/admin/principals")) {
            return "dynamis:AdminPrincipals";
        }
        if (path.startsWith("/admin/cache")) {
            return "dynamis:AdminCache";
        }
        return "dynamis:AdminBackups";
    }

    private static String[] basicCredentials(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean limited(String source) {
        Failures f = failures.get(source);
        return f != null && f.count() >= MAX_FAILURES && System.currentTimeMillis() - f.windowStart() < WINDOW_MILLIS;
    }

    /** Forgets every failed login (tests). */
    static void forgetFailures() {
        failures.clear();
    }

    static void fail(String source) {
        long now = System.currentTimeMillis();
        failures.compute(source, (k, f) -> f == null || now - f.windowStart() >= WINDOW_MILLIS
                ? new Failures(now, 1) : new Failures(f.windowStart(), f.count() + 1));
        if (failures.size() > 100_000) {
            failures.clear();
        }
    }
}
