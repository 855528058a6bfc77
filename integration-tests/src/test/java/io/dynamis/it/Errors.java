package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** Assertions on the errors DynamoDB answers: the exception type, the HTTP status, the error code and the message. */
final class Errors {

    private Errors() {
    }

    /** A ValidationException (HTTP 400) with exactly this message. */
    static DynamoDbException expectValidation(String message, Executable executable) {
        DynamoDbException e = assertThrows(DynamoDbException.class, executable);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        return e;
    }

    /** A ValidationException (HTTP 400) whose message starts with this text (for messages that quote a whole request). */
    static DynamoDbException expectValidationStartingWith(String prefix, Executable executable) {
        DynamoDbException e = assertThrows(DynamoDbException.class, executable);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith(prefix),
                "expected a message starting with <" + prefix + "> but was <" + e.awsErrorDetails().errorMessage() + ">");
        return e;
    }

    /**
     * A ValidationException (HTTP 400) whose message ends with this text: for constraint messages that DynamoDB prefixes
     * with "1 validation error detected: Value '...' at 'member' failed to satisfy constraint: " and DynamoDB Local does not.
     */
    static DynamoDbException expectValidationEndingWith(String suffix, Executable executable) {
        DynamoDbException e = assertThrows(DynamoDbException.class, executable);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().endsWith(suffix),
                "expected a message ending with <" + suffix + "> but was <" + e.awsErrorDetails().errorMessage() + ">");
        return e;
    }

    /** An exception of this SDK type with this error code and exactly this message. */
    static <T extends DynamoDbException> T expect(Class<T> type, String errorCode, String message, Executable executable) {
        T e = assertThrows(type, executable);
        assertEquals(errorCode, e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        if (message != null) {
            assertEquals(message, e.awsErrorDetails().errorMessage());
        }
        return e;
    }
}
