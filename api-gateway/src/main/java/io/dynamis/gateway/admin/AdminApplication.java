package io.dynamis.gateway.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * The admin API: RESTEasy Reactive resources under {@code /admin} on the gateway's port (only the gateway
 * role serves them: {@link AdminGate}), behind the admin credentials. Its OpenAPI document is generated
 * from the resources and served at {@code /admin/openapi} ({@code .json}, {@code .yaml}), with Swagger UI
 * at {@code /admin/swagger-ui}.
 */
@ApplicationPath("/admin")
@OpenAPIDefinition(
        info = @Info(title = "Dynamis admin API: backups, restores, cache and principals", version = "0.1.0",
                description = "Operator calls of the gateway under /admin/. Every path needs HTTP Basic authentication"
                        + " (dynamis.gateway.admin.username / password) or a bearer token (dynamis.gateway.admin.token)."
                        + " Times are ISO-8601 instants. In verify mode (dynamis.auth.mode=verify) HTTP Basic also takes"
                        + " a principal's access key id and secret: the root principal's, or one whose policy allows the"
                        + " route's action (dynamis:AdminPrincipals, dynamis:AdminBackups, dynamis:AdminCache); ten"
                        + " failed logins from one address in a minute are answered 429 until the minute ends."),
        security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "bearer")})
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic"),
        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")})
public class AdminApplication extends Application {
}
