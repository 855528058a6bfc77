package io.dynamis.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin API's gate, on a real router on 127.0.0.1: Basic credentials or the bearer token, else 401. */
class AdminAuthTest {

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;

    private void start(Optional<String> token) throws Exception {
        start(token, null);
    }

    private void start(Optional<String> token, AdminAuth.Logins logins) throws Exception {
        AdminAuth auth = new AdminAuth(new AdminConfig() {
            public String username() {
                return "operator";
            }

            public String password() {
                return "s3cret";
            }

            public Optional<String> token() {
                return token;
            }
        }, logins);
        Router router = Router.router(vertx);
        // the gate's verdict answered as AdminGate answers it in front of the admin resources
        router.route("/admin/*").handler(ctx -> {
            AdminAuth.Verdict verdict = auth.check(ctx.request().getHeader("Authorization"), ctx.request().path(),
                    ctx.request().remoteAddress().hostAddress());
            if (verdict.allowed()) {
                ctx.response().end("let through");
                return;
            }
            if (verdict.header() != null) {
                ctx.response().putHeader(verdict.header(), verdict.headerValue());
            }
            ctx.response().setStatusCode(verdict.status()).putHeader("Content-Type", "application/json").end(verdict.body());
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        AdminAuth.forgetFailures();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + "/admin/backups"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertEquals(401, response.statusCode());
        assertEquals("Basic realm=\"dynamis-admin\"", response.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("{\"error\":\"Unauthorized\",\"message\":\"admin credentials required\"}", response.body());
    }

    @Test
    void theConfiguredBasicCredentialsAreLetThrough() throws Exception {
        start(Optional.empty());
        HttpResponse<String> response = get(basic("operator:s3cret"));
        assertEquals(200, response.statusCode());
        assertEquals("let through", response.body());
    }

    @Test
    void anythingElseIsRefusedWithAChallenge() throws Exception {
        start(Optional.empty());
        assertRefused(get(null));
        assertRefused(get(basic("operator:wrong")));
        assertRefused(get(basic("Operator:s3cret")));
        assertRefused(get(basic("operator:s3cret").toLowerCase()));
        assertRefused(get("Bearer "));
    }

    @Test
    void theBearerTokenIsLetThroughWhenOneIsConfigured() throws Exception {
        start(Optional.of("tok-123"));
        assertEquals(200, get("Bearer tok-123").statusCode());
        assertEquals(200, get(basic("operator:s3cret")).statusCode(), "Basic still works");
        assertRefused(get("Bearer tok-1234"));
        assertRefused(get("tok-123"));
    }

    @Test
    void aBlankTokenConfiguresNoBearerAccess() throws Exception {
        start(Optional.of(" "));
        assertRefused(get("Bearer  "));
    }

    /** Verify mode's logins: the key AKIAADMIN (allowed dynamis:AdminBackups only) and AKIAREADER (allowed nothing). */
    private static final AdminAuth.Logins PRINCIPALS = new AdminAuth.Logins() {
        @Override
        public boolean mayAdminister(String id, String secret, String action) {
            boolean right = (id.equals("AKIAADMIN") || id.equals("AKIAREADER")) && secret.equals("secret");
            return right && (action == null || (id.equals("AKIAADMIN") && action.equals("dynamis:AdminBackups")));
        }

        @Override
        public boolean mayAdminister(io.dynamis.gateway.auth.Security.Caller caller, String action) {
            return false;
        }

        @Override
        public void refused(String reason, String user, String path, String source) {
        }
    };

    @Test
    void inVerifyModeAPrincipalAllowedTheActionIsLetThroughAndOneNotAllowedIsForbidden() throws Exception {
        start(Optional.empty(), PRINCIPALS);
        assertEquals(200, get(basic("AKIAADMIN:secret")).statusCode());
        assertEquals(403, get(basic("AKIAREADER:secret")).statusCode());
        assertRefused(get(basic("AKIAADMIN:wrong")));
        assertEquals(200, get(basic("operator:s3cret")).statusCode(), "the configured operator still works");
        assertEquals("dynamis:AdminPrincipals", AdminAuth.action("/admin/principals/alice"));
        assertEquals("dynamis:AdminCache", AdminAuth.action("/admin/cache/stats"));
        assertEquals("dynamis:AdminBackups", AdminAuth.action("/admin/restores"));
    }

    @Test
    void inVerifyModeFailedLoginsAreRateLimited() throws Exception {
        start(Optional.empty(), PRINCIPALS);
        for (int i = 0; i < AdminAuth.MAX_FAILURES; i++) {
            assertRefused(get(basic("operator:guess" + i)));
        }
        HttpResponse<String> limited = get(basic("operator:s3cret"));
        assertEquals(429, limited.statusCode(), "even the right password waits until the window ends");
        assertEquals("60", limited.headers().firstValue("Retry-After").orElse(null));
        AdminAuth.forgetFailures();
        assertEquals(200, get(basic("operator:s3cret")).statusCode());
    }

    @Test
    void inOpenModeNothingIsRateLimited() throws Exception {
        start(Optional.empty());
        for (int i = 0; i < AdminAuth.MAX_FAILURES + 2; i++) {
            assertRefused(get(basic("operator:guess" + i)));
        }
        assertEquals(200, get(basic("operator:s3cret")).statusCode());
    }
}
