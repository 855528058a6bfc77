package io.dynamis.core.expression;

import io.dynamis.core.model.AttributeValue;
import java.util.List;
import java.util.Map;

/** A resolved update (UpdateExpression or legacy AttributeUpdates). */
public interface Update {

    /**
     * The item after the update, from the item before it (an empty map when there is none); the
     * argument is not changed. Throws a ValidationException {@code ApiError} with DynamoDB's message
     * for the errors only the item can reveal (an operand of the wrong type, a path into a missing map).
     */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /** The document paths the update writes or removes, in the order written (for UPDATED_OLD/NEW). */
    List<DocumentPath> paths();
}
