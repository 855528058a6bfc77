package io.dynamis.item.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.protocol.RequestReader;
import java.util.List;

/** The StreamSpecification member CreateTable and UpdateTable share, checked as DynamoDB checks it. */
final class StreamSpecifications {

    /** DynamoDB's stream view types, in the order its constraint message lists them. */
    static final List<String> VIEW_TYPES = List.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY");

    private StreamSpecifications() {
    }

    /** Records a view type outside the enum as a constraint violation on the request. */
    static void checkViewType(RequestReader request) {
        ObjectNode stream = request.object("StreamSpecification");
        if (stream != null) {
            RequestReader spec = new RequestReader(stream);
            spec.bool("StreamEnabled");
            String viewType = spec.string("StreamViewType");
            if (viewType != null && !VIEW_TYPES.contains(viewType)) {
                request.violation("Value '" + viewType + "' at 'streamSpecification.streamViewType' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [" + String.join(", ", VIEW_TYPES) + "]");
            }
        }
    }

    /** True when the specification enables a stream. */
    static boolean enables(JsonNode stream) {
        return stream != null && stream.path("StreamEnabled").asBoolean(false);
    }

    /** The error of a specification that enables a stream without a (valid) view type. */
    static ApiError viewTypeRequired() {
        return ApiError.invalidParameter("StreamViewType is required when StreamEnabled is true");
    }
}
