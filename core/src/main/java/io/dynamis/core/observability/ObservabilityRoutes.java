package io.dynamis.core.observability;

import io.dynamis.core.roles.Roles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every Dynamis service serves for operators, the same way: {@code /q/health} (with
 * {@code /q/health/live} and {@code /q/health/ready}) in MicroProfile Health's JSON shape, and
 * Prometheus metrics at {@code /q/metrics}, tagged with the service's name.
 */
@ApplicationScoped
public class ObservabilityRoutes {

    private final String serviceName;
    private final PrometheusMeterRegistry registry;

    public ObservabilityRoutes(@ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.serviceName = serviceName;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", serviceName);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The registry every meter of this service is registered in. */
    @Produces
    @Singleton
    MeterRegistry meterRegistry() {
        return registry;
    }

    void mount(@Observes Router router, Instance<HealthCheck> checks, Roles roles) {
        // only the checks of the roles this process plays (another role's check would create its beans)
        List<HealthCheck> readiness = checks.handlesStream()
                .filter(handle -> roles.plays(handle.getBean().getBeanClass()))
                .map(handle -> handle.get()).toList();
        router.get("/q/health").handler(ctx -> health(ctx, readiness));
        router.get("/q/health/ready").handler(ctx -> health(ctx, readiness));
        router.get("/q/health/live").handler(ctx -> health(ctx, List.of()));
        router.get("/q/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
    }

    private void health(RoutingContext ctx, List<HealthCheck> checks) {
        JsonArray results = new JsonArray();
        boolean up = true;
        for (HealthCheck check : checks) {
            boolean checkUp;
            try {
                checkUp = check.isUp();
            } catch (RuntimeException e) {
                checkUp = false;
            }
            up &= checkUp;
            results.add(new JsonObject().put("name", check.name()).put("status", checkUp ? "UP" : "DOWN"));
        }
        results.add(new JsonObject().put("name", serviceName).put("status", "UP"));
        JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", results);
        ctx.response().setStatusCode(up ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .end(body.encode());
    }
}
