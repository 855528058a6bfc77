package io.dynamis.core.protocol;

/**
 * The {@code X-Amz-Target} header of the JSON 1.0 protocol: {@code <ServicePrefix>.<Operation>}, e.g.
 * {@code DynamoDB_20120810.PutItem} or {@code DynamoDBStreams_20120810.GetRecords}.
 */
public record AmzTarget(String service, String operation) {

    public static final String HEADER = "X-Amz-Target";
    public static final String DYNAMODB = "DynamoDB_20120810";
    public static final String STREAMS = "DynamoDBStreams_20120810";

    /** Parses the header; null when it is missing or has no dot. */
    public static AmzTarget parse(String header) {
        if (header == null) {
            return null;
        }
        int dot = header.lastIndexOf('.');
        if (dot <= 0 || dot == header.length() - 1) {
            return null;
        }
        return new AmzTarget(header.substring(0, dot), header.substring(dot + 1));
    }

    @Override
    public String toString() {
        return service + "." + operation;
    }
}
