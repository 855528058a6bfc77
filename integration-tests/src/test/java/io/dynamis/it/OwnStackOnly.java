package io.dynamis.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class or method that needs the processes of the stack the tests start themselves (it stops,
 * kills or restarts them, reads their metrics, or checks Dynamis-only protocol details). {@link StackExtension}
 * skips it when the tests run against an external endpoint ({@code -Ddynamis.it.endpoint=...}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@interface OwnStackOnly {
}
