package io.dynamis.item.shard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.shard.SlotMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShardOwnershipTest {

    @AfterEach
    void holdEverySlotAgain() {
        ShardOwnership.hold(SlotMap.contiguous(1), 0);
    }

    @Test
    void aShardServesTheKeysOfItsSlotsAndRefusesOthers() {
        SlotMap map = SlotMap.contiguous(2);
        ShardOwnership.hold(map, 1);
        for (int i = 0; i < 100; i++) {
            AttributeValue partition = AttributeValue.s("k" + i);
            byte[] key = KeyCodec.encode(7, partition, null);
            if (map.shardOf(partition) == 1) {
                assertDoesNotThrow(() -> ShardOwnership.requireKey(key));
            } else {
                ApiError refused = assertThrows(ApiError.class, () -> ShardOwnership.requireKey(key));
                assertTrue(refused.getMessage().startsWith("item-service shard 1 (2 shards: slots 0-2047 -> 0, 2048-4095 -> 1)"
                        + " does not hold slot"), refused.getMessage());
            }
        }
        assertDoesNotThrow(() -> ShardOwnership.requireHashes(32768, 65536));
        assertThrows(ApiError.class, () -> ShardOwnership.requireHashes(0, 65536));
    }

    @Test
    void withOneShardEveryKeyIsHeld() {
        ShardOwnership.hold(SlotMap.contiguous(1), 0);
        assertDoesNotThrow(() -> ShardOwnership.requireHash(65535));
    }
}
