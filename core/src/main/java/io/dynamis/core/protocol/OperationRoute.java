package io.dynamis.core.protocol;

import io.quarkus.arc.All;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Mounts a service's {@link OperationEndpoint} on {@code POST /} from its {@link Operation} beans.
 * The gateway, which serves the public endpoint itself, turns it off with
 * {@code dynamis.operations.serve=false}.
 */
@ApplicationScoped
public class OperationRoute {

    void mount(@Observes Router router, Vertx vertx, @All List<Operation> operations,
            @ConfigProperty(name = "quarkus.application.name") String serviceName,
            @ConfigProperty(name = "dynamis.operations.serve", defaultValue = "true") boolean serve) {
        if (serve) {
            new OperationEndpoint(serviceName, operations).mount(router, vertx);
        }
    }
}
