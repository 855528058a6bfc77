package io.dynamis.core.roles;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The roles this process plays, from {@code dynamis.roles}: {@code all} (the one-process topology) or a
 * comma-separated list of role words ({@code item}, {@code gateway,query}, ...). Each service's own
 * application sets its role; the one-process server sets {@code all}. Everything that differs between
 * the topologies asks here, and nowhere else decides it: whether a call to another service is a method
 * call ({@link ServiceChannels}) or HTTP, and whether the change log is read from item-service's own log
 * or from the broker.
 */
public final class Roles {

    private final Set<Role> hosted;

    private Roles(Set<Role> hosted) {
        this.hosted = Collections.unmodifiableSet(hosted);
    }

    /** Parses the setting; an unknown word is an error naming it. */
    public static Roles parse(String setting) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalArgumentException("dynamis.roles is empty: say all, or a list such as gateway,query");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String word : setting.split(",")) {
            if (word.trim().equalsIgnoreCase("all")) {
                roles.addAll(EnumSet.allOf(Role.class));
                continue;
            }
            Role role = Role.byWord(word);
            if (role == null) {
                throw new IllegalArgumentException("dynamis.roles names an unknown role '" + word.trim()
                        + "'; the roles are all, gateway, item, query, cache, backup");
            }
            roles.add(role);
        }
        return new Roles(roles);
    }

    public static Roles all() {
        return new Roles(EnumSet.allOf(Role.class));
    }

    public boolean hosts(Role role) {
        return hosted.contains(role);
    }

    /** True when the class is code of a role this process plays, or of none (shared code). */
    public boolean plays(Class<?> type) {
        Role role = Role.ofClass(type);
        return role == null || hosted.contains(role);
    }

    /** True when this process plays every role (the one-process topology). */
    public boolean isAll() {
        return hosted.size() == Role.values().length;
    }

    /**
     * True when this process writes the change log and plays every role that reads it (item, query, cache
     * and backup): the consumers then read item-service's log directly and no broker is needed.
     */
    public boolean changeLogInProcess() {
        return hosted.containsAll(EnumSet.of(Role.ITEM, Role.QUERY, Role.CACHE, Role.BACKUP));
    }

    public Set<Role> hosted() {
        return hosted;
    }

    /** The roles this process plays other than the gateway: the internal endpoints it serves. */
    public List<Role> services() {
        List<Role> services = new ArrayList<>(hosted);
        services.remove(Role.GATEWAY);
        return services;
    }

    @Override
    public String toString() {
        return isAll() ? "all" : String.join(",", hosted.stream().map(Role::word).toList());
    }
}
