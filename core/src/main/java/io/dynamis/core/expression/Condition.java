package io.dynamis.core.expression;

import io.dynamis.core.model.AttributeValue;
import java.util.Map;

/** A resolved condition (ConditionExpression, FilterExpression or a legacy Expected/filter map). */
@FunctionalInterface
public interface Condition {

    /** Whether the item (an empty map when there is none) satisfies the condition. Never throws. */
    boolean test(Map<String, AttributeValue> item);
}
