package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** TagResource, UntagResource and ListTagsOfResource on table ARNs. */
@ExtendWith(StackExtension.class)
class TagsIT {

    private final DynamoDbClient client;

    TagsIT(DynamisStack stack) {
        this.client = stack.client();
    }

    private Map<String, String> tags(String arn) {
        return client.listTagsOfResource(b -> b.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void tagsAreAddedReplacedListedAndRemoved() {
        String table = Tables.createHashTable(client, "tags", ScalarAttributeType.S);
        String arn = client.describeTable(b -> b.tableName(table)).table().tableArn();
        assertEquals(Map.of(), tags(arn));

        client.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("team").value("storage").build(),
                Tag.builder().key("env").value("").build()));
        assertEquals(Map.of("team", "storage", "env", ""), tags(arn));

        client.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("team").value("query").build()));
        assertEquals(Map.of("team", "query", "env", ""), tags(arn));

        client.untagResource(b -> b.resourceArn(arn).tagKeys("env", "not-there"));
        assertEquals(Map.of("team", "query"), tags(arn));
    }

    @Test
    void fiftyTagsAtMost() {
        String table = Tables.createHashTable(client, "tag-limit", ScalarAttributeType.S);
        String arn = client.describeTable(b -> b.tableName(table)).table().tableArn();
        List<Tag> fifty = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        client.tagResource(b -> b.resourceArn(arn).tags(fifty));
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> client.tagResource(b -> b.resourceArn(arn)
                .tags(Tag.builder().key("one-more").value("v").build())));
        assertEquals("LimitExceededException", e.awsErrorDetails().errorCode());
        assertEquals(50, tags(arn).size());
    }

    @Test
    void unknownAndMalformedArnsAreRefused() {
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class, () -> client.listTagsOfResource(
                b -> b.resourceArn("arn:aws:dynamodb:us-east-1:000000000000:table/no-such-table")));
        assertEquals("Requested resource not found: ResourcArn: arn:aws:dynamodb:us-east-1:000000000000:table/no-such-table"
                + " not found", missing.awsErrorDetails().errorMessage());
        DynamoDbException malformed = assertThrows(DynamoDbException.class,
                () -> client.listTagsOfResource(b -> b.resourceArn("not-an-arn")));
        assertEquals("ValidationException", malformed.awsErrorDetails().errorCode());
        assertEquals("One or more parameter values were invalid: ARNs must start with 'arn:': not-an-arn",
                malformed.awsErrorDetails().errorMessage());
        Errors.expectValidation("One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn:"
                + " arn:aws:s3:::bucket", () -> client.listTagsOfResource(b -> b.resourceArn("arn:aws:s3:::bucket")));
        Errors.expectValidation("One or more parameter values were invalid: Invalid resource arn provided, only table or"
                + " stream is accepted. Provided resource arn: arn:aws:dynamodb:us-east-1:000000000000:table/t/index/i",
                () -> client.listTagsOfResource(b -> b.resourceArn(
                        "arn:aws:dynamodb:us-east-1:000000000000:table/t/index/i")));
    }

    @Test
    void tagKeysAndValuesWithForbiddenCharactersAreRefused() {
        String arn = client.describeTable(b -> b.tableName(Tables.createHashTable(client, "tagchars",
                ScalarAttributeType.S))).table().tableArn();
        Errors.expectValidation("The Tag Key provided is invalid, Key: team#1", () -> client.tagResource(b -> b
                .resourceArn(arn).tags(Tag.builder().key("team#1").value("storage").build())));
        Errors.expectValidation("The Tag Value provided is invalid, Value: a*b", () -> client.tagResource(b -> b
                .resourceArn(arn).tags(Tag.builder().key("team").value("a*b").build())));
        Errors.expectValidation("The Tag Key provided is invalid, Key: x!", () -> client.untagResource(b -> b
                .resourceArn(arn).tagKeys("x!")));
        client.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("Équipe a_b.c:d/e=f+g-h@i").value("été 2026")
                .build()));
        assertEquals(Map.of("Équipe a_b.c:d/e=f+g-h@i", "été 2026"), tags(arn));
        Errors.expectValidation("The Tag Key provided is invalid, Key: a$", () -> client.createTable(b -> b
                .tableName(Tables.uniqueName("tagchars2")).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .attributeDefinitions(d -> d.attributeName("pk").attributeType("S"))
                .tags(Tag.builder().key("a$").value("v").build())));
    }
}
