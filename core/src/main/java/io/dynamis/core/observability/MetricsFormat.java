package io.dynamis.core.observability;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /q/metrics} answers in Prometheus' text format (0.0.4) unless the scraper asks for OpenMetrics
 * by name, as it always has: Micrometer's handler would answer a request without a preference (no
 * {@code Accept}, or {@code *}{@code /*} as curl sends) in OpenMetrics. Only that one path is touched.
 */
@ApplicationScoped
public class MetricsFormat {

    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

    void route(@Observes Router router) {
        router.get("/q/metrics").order(Integer.MIN_VALUE).handler(ctx -> {
            String accept = ctx.request().getHeader("Accept");
            if (accept == null || !accept.contains("openmetrics")) {
                ctx.request().headers().set("Accept", TEXT);
            }
            ctx.next();
        });
    }
}
