package io.dynamis.item.operations;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.TableDefinition;
import java.util.Map;

/**
 * DynamoDB's write-time rule for secondary-index keys: an item may lack an index key attribute (it is
 * then simply not in that index), but when it has one, the value must have the type the attribute was
 * defined with, must not be an empty string or binary, and must fit the key size limits (2048 bytes for a
 * partition key, 1024 for a sort key).
 */
final class IndexKeys {

    private IndexKeys() {
    }

    static void check(TableDefinition table, Map<String, AttributeValue> item) {
        for (IndexDefinition index : table.indexes()) {
            for (KeyAttribute key : index.keySchema().partitionKeys()) {
                check(index, key, item, true);
            }
            for (KeyAttribute key : index.keySchema().sortKeys()) {
                check(index, key, item, false);
            }
        }
    }

    private static void check(IndexDefinition index, KeyAttribute key, Map<String, AttributeValue> item, boolean partition) {
        AttributeValue value = item.get(key.name());
        if (value == null) {
            return;
        }
        if (value.type() != key.type()) {
            throw ApiError.invalidParameter("Type mismatch for Index Key " + key.name() + " Expected: " + key.type()
                    + " Actual: " + value.type() + " IndexName: " + index.name());
        }
        boolean empty = value instanceof AttributeValue.Str s ? s.value().isEmpty()
                : value instanceof AttributeValue.Bin b && b.value().length == 0;
        if (empty) {
            throw ApiError.validation("One or more parameter values are not valid. A value specified for a secondary"
                    + " index key is not supported. The AttributeValue for a key attribute cannot contain an empty "
                    + (value.type() == AttributeValue.Type.S ? "string" : "binary") + " value. IndexName: " + index.name()
                    + ", IndexKey: " + key.name());
        }
        if (partition) {
            PrimaryKeys.checkPartitionKeySize(value);
        } else {
            PrimaryKeys.checkSortKeySize(value);
        }
    }
}
