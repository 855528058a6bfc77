package io.dynamis.gateway.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The admin API's credentials; each can be overridden by its environment variable
 * (DYNAMIS_GATEWAY_ADMIN_USERNAME, DYNAMIS_GATEWAY_ADMIN_PASSWORD, DYNAMIS_GATEWAY_ADMIN_TOKEN).
 */
@ConfigMapping(prefix = "dynamis.gateway.admin")
public interface AdminConfig {

    /** The user name of HTTP Basic authentication on {@code /admin/...}. */
    @WithDefault("admin")
    String username();

    /** The password of HTTP Basic authentication on {@code /admin/...} (change it anywhere but a laptop). */
    @WithDefault("admin")
    String password();

    /** A bearer token also accepted ({@code Authorization: Bearer <token>}); none by default. */
    Optional<String> token();
}
