package io.dynamis.core.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Calls between Dynamis processes in verify mode ({@code dynamis.auth.mode=verify}): every service's
 * internal endpoint ({@code /internal/<role>}, and {@code /} of a lone service) answers only requests that
 * carry {@link #HEADER} with a token every process derives from the root secret they all share (an
 * HMAC, so the secret itself never travels). Without it anyone who reaches a service's port, or the
 * one process's internal paths, would bypass the gateway's verification. In open mode there is no token
 * and nothing is checked, as before.
 */
public final class InternalAuth {

    public static final String HEADER = "X-Dynamis-Internal-Token";

    private static volatile String token;
    private static volatile boolean read;

    private InternalAuth() {
    }

    /** The token to send and expect, or null in open mode. */
    public static String token() {
        if (!read) {
            Config config = ConfigProvider.getConfig();
            String mode = config.getOptionalValue("dynamis.auth.mode", String.class).orElse("open");
            String secret = config.getOptionalValue("dynamis.auth.root-secret-access-key", String.class).orElse("");
            token = "verify".equals(mode.trim().toLowerCase(Locale.ROOT)) ? derive(secret) : null;
            read = true;
        }
        return token;
    }

    /** The token of a root secret (what every process sends and expects). */
    public static String derive(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("dynamis-internal:" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("internal-calls".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a request's header value lets it in (always, in open mode). */
    public static boolean allows(String given) {
        String expected = token();
        return expected == null || (given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8)));
    }
}
