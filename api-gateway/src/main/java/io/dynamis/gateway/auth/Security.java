package io.dynamis.gateway.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.policy.PolicyDocument;
import io.dynamis.core.protocol.AmzTarget;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.gateway.admin.AdminConfig;
import io.dynamis.gateway.config.GatewayConfig;
import io.dynamis.gateway.routing.ServiceClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.AsciiString;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.vertx.core.net.HostAndPort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The gateway's security, one switch ({@link AuthConfig#mode()}): in {@code open} mode nothing changes
 * (a well-formed signature is enough, every request is allowed); in {@code verify} mode every request's
 * SigV4 signature is verified ({@link SigV4Verifier}) against the principals' keys ({@link Principals}),
 * and every request but the root principal's is authorized by its principal's policy
 * ({@link RequestAuthorizations}, {@link PolicyEvaluator}). Refusals are DynamoDB's errors, audited
 * ({@link AuditLog}).
 */
@ApplicationScoped
public class Security {

    private static final Logger LOG = Logger.getLogger(Security.class);

    /** Who sent a request: its principal and the key that signed it. */
    public record Caller(Principals.Principal principal, AccessKey key) {
    }

    private final AuthConfig config;
    private final AdminConfig admin;
    private final Vertx vertx;
    private final boolean verify;
    private final ResourceArns arns;
    private final SigV4Verifier verifier;
    private final Principals principals;
    private final KeySchemaCache schemas;
    private final ResourcePolicyCache resourcePolicies;
    private final AuditLog audit;
    /** The root principal's requests, the same caller every time (verify mode). */
    private final Caller rootCaller;
    /** The principals' keys by id, as the verifier looks a signature's key up (one function, not one per request). */
    private final Function<String, AccessKey> keyLookup;
    private long timer = -1;

    public Security(AuthConfig config, AdminConfig admin, GatewayConfig gateway, ServiceClients services, Vertx vertx,
            MeterRegistry registry) {
        this.config = config;
        this.admin = admin;
        this.vertx = vertx;
        this.verify = config.mode() == AuthConfig.Mode.VERIFY;
        this.arns = new ResourceArns(gateway.region(), config.accountId());
        this.verifier = new SigV4Verifier(gateway.region(), new SigningKeyCache());
        this.principals = new Principals(services, arns, config.rootAccessKeyId().orElse(null),
                config.rootSecretAccessKey().orElse(null));
        this.schemas = new KeySchemaCache(services);
        this.resourcePolicies = new ResourcePolicyCache(services);
        this.audit = new AuditLog(registry);
        AccessKey rootKey = config.rootAccessKeyId().map(principals::accessKey).orElse(null);
        this.rootCaller = rootKey == null ? null : new Caller(principals.root(), rootKey);
        this.keyLookup = principals::accessKey;
    }

    void start(@Observes @Plays(Role.GATEWAY) RoleStart event) {
        if (!verify) {
            LOG.info("Authentication: open mode: any well-formed SigV4 signature is accepted and every request is"
                    + " allowed (set dynamis.auth.mode=verify to verify signatures and policies)");
            return;
        }
        check(config, admin);
        LOG.infof("Authentication: verify mode: SigV4 signatures verified, requests authorized by IAM-style"
                + " policies; root access key %s", config.rootAccessKeyId().get());
        principals.refresh().onFailure(e -> LOG.warnf("principals not loaded yet: %s", e.getMessage()));
        timer = vertx.setPeriodic(config.principalsRefresh().toMillis(), id -> principals.refresh()
                .onFailure(e -> LOG.debugf("principals refresh failed: %s", e.getMessage())));
    }

    /** Verify mode refuses to start without a root key or with the admin API's default password. */
    static void check(AuthConfig config, AdminConfig admin) {
        if (config.rootAccessKeyId().filter(s -> !s.isBlank()).isEmpty()
                || config.rootSecretAccessKey().filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalStateException("dynamis.auth.mode=verify needs a root principal: set"
                    + " DYNAMIS_ROOT_ACCESS_KEY_ID and DYNAMIS_ROOT_SECRET_ACCESS_KEY (dynamis.auth.root-access-key-id,"
                    + " dynamis.auth.root-secret-access-key)");
        }
        if ("admin".equals(admin.password())) {
            throw new IllegalStateException("dynamis.auth.mode=verify refuses the admin API's default password:"
                    + " set DYNAMIS_GATEWAY_ADMIN_PASSWORD (dynamis.gateway.admin.password)");
        }
    }

    void stop(@Observes @Plays(Role.GATEWAY) RoleStop event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public boolean verifying() {
        return verify;
    }

    public Principals principals() {
        return principals;
    }

    public AuditLog audit() {
        return audit;
    }

    public ResourceArns arns() {
        return arns;
    }

    /**
     * Verify mode: the caller whose key signed the request (body as received), or DynamoDB's error.
     * Open mode: null (the caller is anyone).
     */
    public Caller authenticate(HttpServerRequest request, Buffer rawBody) {
        if (!verify) {
            return null;
        }
        SigV4Request signed = signedRequest(request, rawBody);
        AccessKey key;
        try {
            key = verifier.verify(signed, Instant.now(), keyLookup);
        } catch (ApiError e) {
            audit.authenticationFailed(e.code().errorName(), accessKeyIdOf(signed), source(request), e.getMessage());
            throw e;
        }
        if (rootCaller != null && key == rootCaller.key()) {
            return rootCaller;
        }
        Principals.Principal principal = principals.principalOf(key);
        if (principal == null) {
            audit.authenticationFailed("UnrecognizedClientException", key.accessKeyId(), source(request), "deleted");
            throw ApiError.unrecognizedClient();
        }
        return new Caller(principal, key);
    }

    /** Verify mode: completes when the caller may make the request, else fails with AccessDeniedException. */
    public Future<Void> authorize(Caller caller, AmzTarget target, ObjectNode request, String source, boolean secure) {
        if (caller == null || caller.principal().root()) {
            return Future.succeededFuture();
        }
        String operation = target.operation();
        return schemas.load(RequestAuthorizations.tablesOf(operation, request)).compose(loaded -> {
            List<AuthorizationContext> contexts;
            try {
                contexts = new RequestAuthorizations(arns, schemas, globalKeys(caller, source, secure)).of(operation, request);
            } catch (ApiError e) {
                return Future.failedFuture(e);
            }
            return resourcePolicies.load(contexts.stream().map(AuthorizationContext::resource).toList())
                    .compose(policiesLoaded -> decide(caller, contexts, request, source));
        });
    }

    /**
     * Every context allowed by the caller's identity policy and the resources' policies, or the first refusal;
     * then a PutResourcePolicy that would lock the caller out must say it means to ({@link SelfLockout}).
     */
    private Future<Void> decide(Caller caller, List<AuthorizationContext> contexts, ObjectNode request, String source) {
        List<PolicyDocument> policies = caller.principal().policy() == null ? List.of()
                : List.of(caller.principal().policy());
        ApiError refusal = null;
        for (AuthorizationContext context : contexts) {
            PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(policies,
                    resourcePolicies.policiesOf(context.resource()), context);
            if (decision == PolicyEvaluator.Decision.EXPLICIT_DENY
                    || decision == PolicyEvaluator.Decision.EXPLICIT_DENY_BY_RESOURCE_POLICY) {
                return Future.failedFuture(denied(caller, context, decision, source));
            }
            if (decision == PolicyEvaluator.Decision.IMPLICIT_DENY && refusal == null) {
                refusal = denied(caller, context, decision, source);
            }
        }
        if (refusal != null) {
            return Future.failedFuture(refusal);
        }
        try {
            for (AuthorizationContext context : contexts) {
                SelfLockout.check(context, policies, request);
            }
        } catch (ApiError e) {
            return Future.failedFuture(e);
        }
        return Future.succeededFuture();
    }

    private ApiError denied(Caller caller, AuthorizationContext context, PolicyEvaluator.Decision decision, String source) {
        audit.denied(caller.principal().arn(), context.action(), context.resource(),
                decision != PolicyEvaluator.Decision.IMPLICIT_DENY, source);
        return ApiError.accessDenied(deniedMessage(caller.principal().arn(), context.action(), context.resource(), decision));
    }

    /** DynamoDB's AccessDeniedException message, for an implicit deny and an explicit deny in either kind of policy. */
    public static String deniedMessage(String principalArn, String action, String resource, PolicyEvaluator.Decision decision) {
        return "User: " + principalArn + " is not authorized to perform: " + action + " on resource: " + resource
                + switch (decision) {
                    case EXPLICIT_DENY -> " with an explicit deny in an identity-based policy";
                    case EXPLICIT_DENY_BY_RESOURCE_POLICY -> " with an explicit deny in a resource-based policy";
                    default -> " because no identity-based policy allows the " + action + " action";
                };
    }

    private static Map<String, List<String>> globalKeys(Caller caller, String source, boolean secure) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("aws:username", List.of(caller.principal().name()));
        keys.put("aws:PrincipalArn", List.of(caller.principal().arn()));
        keys.put("aws:PrincipalType", List.of("User"));
        keys.put("aws:userid", List.of(caller.key().accessKeyId()));
        keys.put("aws:SourceIp", List.of(source));
        keys.put("aws:SecureTransport", List.of(Boolean.toString(secure)));
        keys.put("aws:CurrentTime", List.of(Instant.now().toString()));
        keys.put("aws:EpochTime", List.of(Long.toString(Instant.now().getEpochSecond())));
        if (caller.key().temporary()) {
            keys.put("aws:MultiFactorAuthPresent", List.of("false"));
        }
        return keys;
    }

    /**
     * Whether an admin login (HTTP Basic: an access key id and its secret) belongs to the root principal
     * or to a principal whose policy allows the admin action ({@code dynamis:AdminPrincipals}, ...); with
     * no action, whether the key and secret are right at all.
     */
    public boolean mayAdminister(String accessKeyId, String secret, String action) {
        AccessKey key = principals.accessKey(accessKeyId);
        if (key == null || key.temporary() || !MessageDigest.isEqual(key.secretAccessKey().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        Principals.Principal principal = principals.principalOf(key);
        if (principal == null) {
            return false;
        }
        return action == null || mayAdminister(principal, action);
    }

    /** Whether a principal may take an admin action: the root principal, or one whose policy allows it. */
    public boolean mayAdminister(Principals.Principal principal, String action) {
        if (principal.root()) {
            return true;
        }
        AuthorizationContext context = new AuthorizationContext(action, "*",
                Map.of("aws:username", List.of(principal.name()), "aws:PrincipalArn", List.of(principal.arn())));
        return principal.policy() != null
                && PolicyEvaluator.evaluate(List.of(principal.policy()), context) == PolicyEvaluator.Decision.ALLOW;
    }

    /**
     * The request as SigV4 verification reads it, as views: header values looked up in the request's own
     * (case-insensitive) headers, the body hashed where it lies. HTTP/2 carries the host as
     * {@code :authority}, which Vert.x gives as the request's authority.
     */
    static SigV4Request signedRequest(HttpServerRequest request, Buffer rawBody) {
        return new SigV4Request(request.method().name(), request.path(), request.query(),
                new RequestHeaders(request.headers(), request::authority), rawBody.getByteBuf().nioBuffer());
    }

    /** A request's own headers as SigV4 reads them; the host from the authority when no Host header came. */
    record RequestHeaders(MultiMap headers, Supplier<HostAndPort> authority) implements SigV4Request.HeaderValues {

        private static final AsciiString AUTHORIZATION = AsciiString.cached("authorization");
        private static final AsciiString X_AMZ_DATE = AsciiString.cached("x-amz-date");
        private static final AsciiString X_AMZ_SECURITY_TOKEN = AsciiString.cached("x-amz-security-token");

        /**
         * The name the verifier looks up on every request as an {@link AsciiString}, whose case-insensitive hash
         * Vert.x's header map then reads from the name instead of computing it; any other name as it is.
         */
        static CharSequence asLookedUp(String name) {
            return switch (name) {
                case "authorization" -> AUTHORIZATION;
                case "x-amz-date" -> X_AMZ_DATE;
                case "x-amz-security-token" -> X_AMZ_SECURITY_TOKEN;
                default -> name;
            };
        }

        @Override
        public List<String> of(String name) {
            List<String> all = headers.getAll(name);
            if (all.isEmpty() && name.equals("host") && authority.get() != null) {
                return List.of(authority.get().toString());
            }
            return all;
        }

        /**
         * One pass over the request's headers (a few), no list per name. Vert.x's own map (a server request's)
         * is read as it holds the headers: its {@code forEach} would make a String of each name (Netty's
         * decoder gives them as {@code AsciiString}s); only the values of the names asked for become Strings.
         */
        @Override
        public void singleValues(HeaderNames names, String[] into) {
            SingleValues pass = VerificationScratch.get().singleValuesPass;
            pass.start(names, into);
            if (headers instanceof HeadersMultiMap map) {
                for (Iterator<Map.Entry<CharSequence, CharSequence>> all = map.iteratorCharSequence(); all.hasNext(); ) {
                    Map.Entry<CharSequence, CharSequence> header = all.next();
                    pass.header(header.getKey(), header.getValue());
                }
            } else {
                headers.forEach(pass);
            }
            pass.end();
        }

        @Override
        public String first(String name) {
            String value = headers.get(asLookedUp(name)); // no list built
            if (value == null && name.equals("host") && authority.get() != null) {
                return authority.get().toString();
            }
            return value;
        }
    }

    /**
     * A pass over a request's headers (a thread's, reused: {@link VerificationScratch}) that finds the values
     * of the names asked for (header names match in any case): the value of a name that came once, null for
     * one that came twice or more; a name that did not come stays null too.
     */
    static final class SingleValues implements BiConsumer<String, String> {

        private HeaderNames names;
        private String[] into;
        private boolean[] repeated = new boolean[16];

        void start(HeaderNames names, String[] into) {
            this.names = names;
            this.into = into;
            if (repeated.length < names.size()) {
                repeated = new boolean[names.size()];
            }
            for (int i = 0; i < names.size(); i++) {
                into[i] = null;
                repeated[i] = false;
            }
        }

        @Override
        public void accept(String name, String value) {
            header(name, value);
        }

        /** One header of the request, its name in any case; its value made a String only when asked for. */
        void header(CharSequence name, CharSequence value) {
            int i = names.indexOf(name);
            if (i >= 0) {
                repeated[i] |= into[i] != null;
                into[i] = repeated[i] ? null : value.toString();
            }
        }

        void end() {
            names = null;
            into = null;
        }
    }

    private static String accessKeyIdOf(SigV4Request request) {
        try {
            String credential = SigV4Verifier.parse(request).credential();
            int slash = credential.indexOf('/');
            return slash < 0 ? credential : credential.substring(0, slash);
        } catch (ApiError e) {
            return null;
        }
    }

    /** The client's address as policies see it ({@code aws:SourceIp}). */
    public static String source(HttpServerRequest request) {
        return request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress();
    }
}
