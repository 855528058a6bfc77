package io.dynamis.item.rest;

import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.OperationEndpoint;
import io.quarkus.arc.All;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/** Serves item-service's operations on {@code POST /}, the endpoint the gateway forwards to. */
@ApplicationScoped
public class DynamoDbRoute {

    void mount(@Observes Router router, Vertx vertx, @All List<Operation> operations) {
        new OperationEndpoint("item-service", operations).mount(router, vertx);
    }
}
