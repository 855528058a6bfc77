package io.dynamis.core.protocol;

import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.Roles;
import io.dynamis.core.roles.ServiceChannels;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Mounts an {@link OperationEndpoint} for each service role this process plays, on the role's internal
 * path ({@code /internal/item}, ...), so that other processes can call it over HTTP. A process that plays
 * one service role and not the gateway (a service of the services topology) also serves it on
 * {@code POST /}, where the gateway owns that path otherwise.
 */
@ApplicationScoped
public class OperationRoute {

    void mount(@Observes Router router, Vertx vertx, Roles roles, ServiceChannels channels) {
        List<Role> services = roles.services();
        for (Role role : services) {
            OperationEndpoint endpoint = new OperationEndpoint(channels.local(role));
            endpoint.mount(router, vertx, role.internalPath());
            if (services.size() == 1 && !roles.hosts(Role.GATEWAY)) {
                endpoint.mount(router, vertx, "/");
            }
        }
    }
}
