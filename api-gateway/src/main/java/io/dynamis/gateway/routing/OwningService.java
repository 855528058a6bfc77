package io.dynamis.gateway.routing;

import io.dynamis.core.roles.Role;

/**
 * The owners of operations: the services behind the gateway, and the gateway itself for the operations it
 * executes by calling theirs (PartiQL, lowered into item and query operations).
 */
public enum OwningService {
    GATEWAY(Role.GATEWAY),
    ITEM(Role.ITEM),
    QUERY(Role.QUERY),
    CACHE(Role.CACHE),
    BACKUP(Role.BACKUP);

    private final Role role;

    OwningService(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }

    public String displayName() {
        return role.serviceName();
    }
}
