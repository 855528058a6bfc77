package io.dynamis.gateway.rest;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.gateway.routing.OwningService;

/**
 * Who checks that a forwarded request's body is one JSON object. DynamoDB checks it first of all (a body that is
 * not JSON is a SerializationException, whatever else is wrong with the request). A request forwarded to
 * item-service goes there as it came and is parsed there ({@code Json.parseRequest}: the same parser and the same
 * verdicts as the gateway's {@code Json.requireObject}), so the gateway does not scan it a second time: only when
 * the gateway answers an error itself (no signature, a failed verification, a table ARN it cannot name) does it
 * look at the body then, so that a body that is not JSON still gets its SerializationException first.
 *
 * <p>Requests to the other services keep the gateway's check: a Query or Scan sent straight to item-service is
 * wrapped in another object ({@code DirectTableReads}), which a body that is not one object could break out of.
 */
final class ForwardedJson {

    private ForwardedJson() {
    }

    /** True when the owner parses the body as it came, so the gateway's own check can wait for an error. */
    static boolean checkedByOwner(OwningService owner) {
        return owner == OwningService.ITEM;
    }

    /** The error the gateway answers for a request it did not check the body of: SerializationException first. */
    static ApiError firstError(byte[] body, ApiError error) {
        try {
            Json.requireObject(body);
        } catch (ApiError notJson) {
            return notJson;
        }
        return error;
    }
}
