package io.dynamis.backup.streams;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.table.StreamHistory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stream ARNs: {@code arn:aws:dynamodb:<region>:<account>:table/<table name>/stream/<label>}. Text not of
 * that shape is refused as DynamoDB refuses it ({@code ValidationException: Invalid StreamArn}); a
 * well-shaped ARN of another region or account names no stream here.
 */
final class StreamArns {

    /** The parts of a well-shaped stream ARN. */
    record Parts(String tableArnPrefix, String tableName, String label, long enabledMillis) {
    }

    private static final Pattern SHAPE = Pattern.compile(
            "(arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/)([a-zA-Z0-9_.-]{3,255})/stream/([0-9T:.-]{23})");

    private StreamArns() {
    }

    static String of(String tableArnPrefix, String tableName, String label) {
        return tableArnPrefix + tableName + "/stream/" + label;
    }

    /** The parts of {@code arn}, or ValidationException when it is not a stream ARN. */
    static Parts parse(String arn) {
        Matcher m = SHAPE.matcher(arn);
        long enabledMillis = m.matches() ? StreamHistory.millisOf(m.group(3)) : -1;
        if (enabledMillis < 0) {
            throw ApiError.validation("Invalid StreamArn");
        }
        return new Parts(m.group(1), m.group(2), m.group(3), enabledMillis);
    }
}
