package io.dynamis.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Who may use Dynamis: the authentication mode and the root principal. Each setting can be overridden by
 * its environment variable (DYNAMIS_AUTH_MODE, DYNAMIS_AUTH_ROOT_ACCESS_KEY_ID,
 * DYNAMIS_AUTH_ROOT_SECRET_ACCESS_KEY, DYNAMIS_AUTH_PRINCIPALS_REFRESH); {@code ./dynamis start} also
 * maps DYNAMIS_AUTH, DYNAMIS_ROOT_ACCESS_KEY_ID and DYNAMIS_ROOT_SECRET_ACCESS_KEY onto them.
 */
@ConfigMapping(prefix = "dynamis.auth")
public interface AuthConfig {

    /**
     * {@code open} (the default, as DynamoDB Local): any well-formed SigV4 signature is accepted and
     * every request is allowed; {@code verify}: signatures are verified against the principals' secrets
     * and every request is authorized by their policies (see docs/security.md).
     */
    @WithDefault("open")
    Mode mode();

    /** The root principal's access key id (verify mode: required; the root principal may do everything). */
    Optional<String> rootAccessKeyId();

    /** The root principal's secret access key (verify mode: required). */
    Optional<String> rootSecretAccessKey();

    /** The account id in principal ARNs and in the table ARNs policies name (as item-service's). */
    @WithDefault("000000000000")
    String accountId();

    /**
     * How often a gateway reloads the principals from item-service (which keeps them): a principal
     * deleted on another gateway stops working here within this time (plus a request's round trip).
     */
    @WithDefault("0.25S")
    Duration principalsRefresh();

    /** The two modes. */
    enum Mode {
        OPEN, VERIFY
    }
}
