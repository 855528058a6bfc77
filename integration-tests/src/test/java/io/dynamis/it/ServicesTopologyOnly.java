package io.dynamis.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class or method about the services topology itself: the Kafka broker between the services (an
 * outage of it, the topic's records), or several processes of one service. {@link StackExtension} skips it
 * when the stack runs as one process ({@code dynamis.it.topology=one}), which has no broker and one
 * process per role set; the services-topology run of the suite covers it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@interface ServicesTopologyOnly {
}
