package io.dynamis.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The internal token: the same for every process that shares the root secret, another for another secret. */
class InternalAuthTest {

    @Test
    void theTokenDependsOnTheRootSecretOnly() {
        assertEquals(InternalAuth.derive("root-secret"), InternalAuth.derive("root-secret"));
        assertNotEquals(InternalAuth.derive("root-secret"), InternalAuth.derive("other-secret"));
        assertEquals(64, InternalAuth.derive("x").length());
    }
}
