package io.dynamis.gateway.routing;

import io.dynamis.core.roles.Role;

/** The services behind the gateway that own operations. */
public enum OwningService {
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
