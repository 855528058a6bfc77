package io.dynamis.core.roles;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the {@link Roles} of {@code dynamis.roles} injectable. */
@ApplicationScoped
public class RolesProducer {

    @Produces
    @ApplicationScoped
    Roles roles(@ConfigProperty(name = "dynamis.roles") String setting) {
        return Roles.parse(setting);
    }
}
