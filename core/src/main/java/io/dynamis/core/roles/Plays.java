package io.dynamis.core.roles;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies a {@link RoleLifecycle} event for one role: a component observes its role's start, stop and
 * routes (e.g. {@code void start(@Observes @Plays(Role.QUERY) RoleStart event)}) and is called, indeed
 * created, only in a process that plays that role.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface Plays {

    Role value();

    /** The qualifier as a value, to fire an event for a role. */
    final class Literal extends AnnotationLiteral<Plays> implements Plays {
        private static final long serialVersionUID = 1L;
        private final Role role;

        public Literal(Role role) {
            this.role = role;
        }

        @Override
        public Role value() {
            return role;
        }
    }
}
