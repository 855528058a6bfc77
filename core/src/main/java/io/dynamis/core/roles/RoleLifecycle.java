package io.dynamis.core.roles;

import io.dynamis.core.roles.RoleEvents.RoleRoutes;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The one place that starts and stops the roles a process plays, as Loki's module manager does: at
 * startup it fires {@link RoleStart} for each role of {@code dynamis.roles} in dependency order (item-service
 * first, whose store the others read; the gateway last, once everything behind it runs), and {@link RoleStop}
 * in the reverse order at shutdown; it hands the HTTP router to each role ({@link RoleRoutes}). A component
 * observes its own role's events ({@link Plays}), so the work of a role a process does not play is never
 * started, and its beans are never even created.
 */
@ApplicationScoped
public class RoleLifecycle {

    private static final Logger LOG = Logger.getLogger(RoleLifecycle.class);
    /** Start order: what others depend on first. */
    private static final List<Role> ORDER = List.of(Role.ITEM, Role.QUERY, Role.BACKUP, Role.CACHE, Role.GATEWAY);

    private final Roles roles;
    private final Event<RoleStart> starts;
    private final Event<RoleStop> stops;
    private final Event<RoleRoutes> routes;

    public RoleLifecycle(Roles roles, Event<RoleStart> starts, Event<RoleStop> stops, Event<RoleRoutes> routes) {
        this.roles = roles;
        this.starts = starts;
        this.stops = stops;
        this.routes = routes;
    }

    void routes(@Observes Router router) {
        for (Role role : played()) {
            routes.select(new Plays.Literal(role)).fire(new RoleRoutes(role, router));
        }
    }

    void start(@Observes StartupEvent event) {
        LOG.infof("Roles: %s", roles);
        for (Role role : played()) {
            starts.select(new Plays.Literal(role)).fire(new RoleStart(role));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        List<Role> reverse = new ArrayList<>(played());
        Collections.reverse(reverse);
        for (Role role : reverse) {
            try {
                stops.select(new Plays.Literal(role)).fire(new RoleStop(role));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Stopping %s failed", role.serviceName());
            }
        }
    }

    private List<Role> played() {
        return ORDER.stream().filter(roles::hosts).toList();
    }
}
