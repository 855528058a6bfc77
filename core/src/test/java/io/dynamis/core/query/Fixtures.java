package io.dynamis.core.query;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Tables and requests for the tests of the read engine; JSON is written with single quotes. */
final class Fixtures {

    private Fixtures() {
    }

    static ObjectNode json(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A table "t" with partition key pk (S) and, when sortType is not null, sort key sk of that type. */
    static TableDefinition table(long storeId, AttributeValue.Type sortType) {
        KeyAttribute pk = new KeyAttribute("pk", AttributeValue.Type.S);
        KeyAttribute sk = sortType == null ? null : new KeyAttribute("sk", sortType);
        return new TableDefinition("tbl", "id", storeId, 0, new PrimaryKeySchema(pk, sk),
                sk == null ? List.of(pk) : List.of(pk, sk), TableDefinition.PAY_PER_REQUEST, 0, 0, "ACTIVE", null, null);
    }

    /** The message of the ValidationException the executable throws. */
    static String validation(Executable executable) {
        ApiError e = assertThrows(ApiError.class, executable);
        if (!e.code().errorName().equals("ValidationException")) {
            throw new AssertionError("expected a ValidationException, got " + e.code() + ": " + e.getMessage());
        }
        return e.getMessage();
    }
}
