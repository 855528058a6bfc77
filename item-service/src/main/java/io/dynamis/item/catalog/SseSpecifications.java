package io.dynamis.item.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.protocol.RequestReader;

/**
 * The SSESpecification member CreateTable and UpdateTable share: a structure of {@code Enabled}
 * (boolean), {@code SSEType} (AES256 or KMS) and {@code KMSMasterKeyId} (string). Members of the wrong
 * JSON type are SerializationExceptions; an unknown SSEType is a constraint violation. The setting is
 * stored, not acted on.
 */
final class SseSpecifications {

    private SseSpecifications() {
    }

    /** Reads and checks the member (violations collected on the request); null when absent. */
    static ObjectNode read(RequestReader request) {
        ObjectNode sse = request.object("SSESpecification");
        if (sse != null) {
            RequestReader spec = new RequestReader(sse);
            spec.bool("Enabled");
            spec.string("KMSMasterKeyId");
            spec.enumValue("SSEType", "sSESpecification.sSEType", "AES256", "KMS");
            spec.violations().forEach(request::violation);
        }
        return sse;
    }
}
