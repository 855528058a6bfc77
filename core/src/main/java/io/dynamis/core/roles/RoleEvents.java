package io.dynamis.core.roles;

import io.vertx.ext.web.Router;

/** The events {@link RoleLifecycle} fires for each role a process plays, qualified {@link Plays}. */
public final class RoleEvents {

    private RoleEvents() {
    }

    /** The role starts: its background work (stores, consumers, sweeps, cluster members) begins. */
    public record RoleStart(Role role) {
    }

    /** The process stops: the role ends its work and closes what it holds. */
    public record RoleStop(Role role) {
    }

    /** The HTTP router is ready: the role mounts its own routes. */
    public record RoleRoutes(Role role, Router router) {
    }
}
