package io.dynamis.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.gateway.admin.AdminConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Verify mode refuses to start without a root key or with the admin API's default password. */
class SecurityStartupTest {

    private static AuthConfig auth(String key, String secret) {
        return new AuthConfig() {
            public Mode mode() {
                return Mode.VERIFY;
            }

            public Optional<String> rootAccessKeyId() {
                return Optional.ofNullable(key);
            }

            public Optional<String> rootSecretAccessKey() {
                return Optional.ofNullable(secret);
            }

            public String accountId() {
                return "000000000000";
            }

            public Duration principalsRefresh() {
                return Duration.ofMillis(250);
            }
        };
    }

    private static AdminConfig admin(String password) {
        return new AdminConfig() {
            public String username() {
                return "admin";
            }

            public String password() {
                return password;
            }

            public Optional<String> token() {
                return Optional.empty();
            }
        };
    }

    @Test
    void aRootKeyAndANonDefaultAdminPasswordAreRequired() {
        assertDoesNotThrow(() -> Security.check(auth("AKIAROOT", "secret"), admin("long-and-random")));
        IllegalStateException noSecret = assertThrows(IllegalStateException.class,
                () -> Security.check(auth("AKIAROOT", null), admin("long-and-random")));
        assertTrue(noSecret.getMessage().contains("DYNAMIS_ROOT_SECRET_ACCESS_KEY"), noSecret.getMessage());
        assertThrows(IllegalStateException.class, () -> Security.check(auth(null, "secret"), admin("x")));
        assertThrows(IllegalStateException.class, () -> Security.check(auth(" ", "secret"), admin("x")));
        IllegalStateException defaultPassword = assertThrows(IllegalStateException.class,
                () -> Security.check(auth("AKIAROOT", "secret"), admin("admin")));
        assertTrue(defaultPassword.getMessage().contains("DYNAMIS_GATEWAY_ADMIN_PASSWORD"), defaultPassword.getMessage());
    }
}
