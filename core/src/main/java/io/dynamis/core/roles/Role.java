package io.dynamis.core.roles;

import java.util.Locale;

/**
 * The parts of Dynamis a process can play, as Grafana Loki's targets: the gateway and the four services.
 * A process plays the roles its {@code dynamis.roles} setting names ({@link Roles}); the same code serves
 * one process with every role (the local default) and one process per role (Kubernetes).
 */
public enum Role {
    GATEWAY("api-gateway", "io.dynamis.gateway."),
    ITEM("item-service", "io.dynamis.item."),
    QUERY("query-service", "io.dynamis.query."),
    CACHE("cache-service", "io.dynamis.cache."),
    BACKUP("backup-service", "io.dynamis.backup.");

    private final String serviceName;
    private final String packagePrefix;

    Role(String serviceName, String packagePrefix) {
        this.serviceName = serviceName;
        this.packagePrefix = packagePrefix;
    }

    /** The service's name: its process name in the services topology, its logs' and metrics' label. */
    public String serviceName() {
        return serviceName;
    }

    /** The setting's word for the role: {@code gateway}, {@code item}, {@code query}, {@code cache}, {@code backup}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The path of the role's internal DynamoDB endpoint on a process that plays it. */
    public String internalPath() {
        return "/internal/" + word();
    }

    /** The role whose code a class is (each service's code lives in a package of its own), or null. */
    public static Role ofClass(Class<?> type) {
        String name = type.getName();
        for (Role role : values()) {
            if (name.startsWith(role.packagePrefix)) {
                return role;
            }
        }
        return null;
    }

    /** The role a word of the setting names (its word or its service name), or null. */
    public static Role byWord(String word) {
        String w = word.trim().toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.word().equals(w) || role.serviceName.equals(w)) {
                return role;
            }
        }
        return null;
    }
}
