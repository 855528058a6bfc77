package io.dynamis.core.observability;

import io.dynamis.core.roles.Roles;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Registers the {@link RoleReadiness} checks of the roles this process plays with SmallRye Health's
 * readiness registry, before any role starts (so a check is reported DOWN until its role is up). A check of
 * a role the process does not play is left out and its bean never created, as the role's other beans.
 */
@ApplicationScoped
class RoleReadinessChecks {

    void register(@Observes @Priority(1) StartupEvent event, @RoleReadiness Instance<HealthCheck> checks,
            Roles roles, @Readiness HealthRegistry readiness) {
        checks.handlesStream()
                .filter(handle -> roles.plays(handle.getBean().getBeanClass()))
                .forEach(handle -> readiness.register(handle.getBean().getBeanClass().getName(), handle.get()));
    }
}
