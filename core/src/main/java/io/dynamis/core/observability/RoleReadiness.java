package io.dynamis.core.observability;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a readiness check ({@link org.eclipse.microprofile.health.HealthCheck} bean) of one role: reported
 * under {@code /q/health/ready} by the processes that play the role, and never even created by the others
 * ({@link RoleReadinessChecks}). A check every process reports is a plain {@code @Readiness} bean.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface RoleReadiness {
}
