package io.dynamis.item.operations;

import io.dynamis.core.protocol.RequestReader;

/** The members the tag and resource-policy operations share. */
final class TagRequests {

    private TagRequests() {
    }

    /** ResourceArn: present, 1 to 1283 characters; violations collected on the request. */
    static String resourceArn(RequestReader request) {
        String arn = request.string("ResourceArn");
        if (arn == null) {
            request.requirePresent("ResourceArn", "resourceArn");
        } else if (arn.isEmpty() || arn.length() > 1283) {
            request.violation("Value '" + arn + "' at 'resourceArn' failed to satisfy constraint: Member must have length "
                    + (arn.isEmpty() ? "greater than or equal to 1" : "less than or equal to 1283"));
        }
        return arn;
    }

    /** ExpectedRevisionId: absent, or 1 to 255 characters; violations collected on the request. */
    static String expectedRevisionId(RequestReader request) {
        String expected = request.string("ExpectedRevisionId");
        if (expected != null && (expected.isEmpty() || expected.length() > 255)) {
            request.violation("Value '" + expected + "' at 'expectedRevisionId' failed to satisfy constraint: Member must"
                    + " have length " + (expected.isEmpty() ? "greater than or equal to 1" : "less than or equal to 255"));
        }
        return expected;
    }
}
