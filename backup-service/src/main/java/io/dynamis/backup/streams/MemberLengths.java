package io.dynamis.backup.streams;

import io.dynamis.core.protocol.RequestReader;

/** The length constraints of the Streams API's string members, recorded as DynamoDB words their violations. */
final class MemberLengths {

    /** StreamArn: 37 to 1024 characters. */
    static final int[] STREAM_ARN = {37, 1024};
    /** ShardId: 28 to 65 characters. */
    static final int[] SHARD_ID = {28, 65};
    /** SequenceNumber: 21 to 40 characters. */
    static final int[] SEQUENCE_NUMBER = {21, 40};
    /** ShardIterator: 1 to 2048 characters. */
    static final int[] SHARD_ITERATOR = {1, 2048};

    private MemberLengths() {
    }

    /** The member's string value (null when absent), its length checked against {@code bounds}. */
    static String string(RequestReader request, String member, String path, int[] bounds) {
        String value = request.string(member);
        if (value != null && (value.length() < bounds[0] || value.length() > bounds[1])) {
            request.violation("Value '" + value + "' at '" + path + "' failed to satisfy constraint: Member must have"
                    + " length " + (value.length() < bounds[0] ? "greater than or equal to " + bounds[0]
                            : "less than or equal to " + bounds[1]));
        }
        return value;
    }
}
