package io.dynamis.core.roles;

import io.dynamis.core.protocol.Operation;
import io.quarkus.arc.All;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place that decides how a service reaches another: a {@link LocalChannel} (method calls on the
 * role's operation handlers) when this process plays the role, else the remote channel the caller
 * describes (HTTP to the role's configured URL). Every client of another service gets its channel here.
 */
@ApplicationScoped
public class ServiceChannels {

    private final Roles roles;
    private final Map<Role, LocalChannel> local = new EnumMap<>(Role.class);

    public ServiceChannels(Roles roles, Vertx vertx, @All List<Operation> operations) {
        this.roles = roles;
        Map<Role, List<Operation>> byRole = new EnumMap<>(Role.class);
        for (Operation op : operations) {
            Role role = Role.ofClass(op.getClass());
            if (role != null && roles.hosts(role)) {
                byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(op);
            }
        }
        for (Role role : roles.services()) {
            local.put(role, new LocalChannel(role, vertx, byRole.getOrDefault(role, List.of())));
        }
    }

    public Roles roles() {
        return roles;
    }

    /** True when calls to the role are method calls in this process. */
    public boolean isLocal(Role role) {
        return local.containsKey(role);
    }

    /** The role's operations in this process, or null when another process plays it. */
    public LocalChannel local(Role role) {
        return local.get(role);
    }

    /** The channel to the role: in-process when hosted here, else the one {@code remote} makes. */
    public ServiceChannel to(Role role, Supplier<? extends ServiceChannel> remote) {
        LocalChannel channel = local.get(role);
        return channel != null ? channel : remote.get();
    }
}
