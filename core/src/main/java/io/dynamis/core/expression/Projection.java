package io.dynamis.core.expression;

import io.dynamis.core.model.AttributeValue;
import java.util.List;
import java.util.Map;

/** A resolved projection (ProjectionExpression or legacy AttributesToGet): which parts of an item to return. */
public interface Projection {

    /** The parts of the item the projection names; nested paths keep their enclosing maps and lists. */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /** The top-level attributes the projection reads (the first element of each path). */
    java.util.Set<String> attributes();

    /** A projection of the given document paths (used for UPDATED_OLD and UPDATED_NEW). */
    static Projection of(List<DocumentPath> paths) {
        return new PathProjection(paths);
    }
}
