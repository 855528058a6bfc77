package io.dynamis.backup.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import java.math.BigDecimal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyOrderTest {

    @TempDir
    Path spillFolder;

    private static final PrimaryKeySchema SCHEMA = new PrimaryKeySchema(
            new KeyAttribute("pk", AttributeValue.Type.S), new KeyAttribute("sk", AttributeValue.Type.N));

    private static byte[] item(String pk, int sk) {
        // the key attributes anywhere among the others, as an archive's item may have them
        return ("{\"a\":{\"M\":{\"pk\":{\"S\":\"not this\"}}},\"sk\":{\"N\":\"" + sk + "\"},\"z\":{\"L\":[{\"S\":\"x\"}]},"
                + "\"pk\":{\"S\":\"" + pk + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] storeKey(String pk, int sk) {
        return KeyCodec.encode(0, new AttributeValue.Str(pk), new AttributeValue.Num(new BigDecimal(sk)));
    }

    private void handsOutEveryItemInTheStoresKeyOrder(int runItems) throws IOException {
        List<byte[]> items = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        for (int p = 0; p < 300; p++) {
            for (int s = -2; s < 3; s++) {
                items.add(item("p" + p, s * 7));
                keys.add(storeKey("p" + p, s * 7));
            }
        }
        List<Integer> shuffled = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            shuffled.add(i);
        }
        Collections.shuffle(shuffled, new Random(7));
        List<byte[]> out = new ArrayList<>();
        try (KeyOrder order = new KeyOrder(SCHEMA, runItems, spillFolder, out::add)) {
            for (int i : shuffled) {
                order.add(items.get(i));
            }
            order.finish();
            // every run but the one held in memory went to the spill folder, none elsewhere
            assertEquals(runItems < items.size() ? (items.size() + runItems - 1) / runItems : 0, fileCount());
        }
        assertEquals(0, fileCount(), "the runs' files are deleted on close");
        assertEquals(items.size(), out.size());
        List<Integer> expected = new ArrayList<>(shuffled);
        expected.sort((a, b) -> Arrays.compareUnsigned(keys.get(a), keys.get(b)));
        for (int i = 0; i < out.size(); i++) {
            assertTrue(Arrays.equals(items.get(expected.get(i)), out.get(i)), "item " + i + " out of order");
        }
    }

    private long fileCount() throws IOException {
        try (var files = Files.list(spillFolder)) {
            return files.count();
        }
    }

    @Test
    void oneRunInMemory() throws IOException {
        handsOutEveryItemInTheStoresKeyOrder(KeyOrder.RUN_ITEMS);
    }

    @Test
    void manyRunsMergedFromTheirFiles() throws IOException {
        handsOutEveryItemInTheStoresKeyOrder(97);
    }

    @Test
    void nothingToSort() {
        List<byte[]> out = new ArrayList<>();
        try (KeyOrder order = new KeyOrder(SCHEMA, 10, spillFolder, out::add)) {
            order.finish();
        }
        assertEquals(0, out.size());
    }

    @Test
    void aStartEmptiesTheSpillFolderOfRunsAStoppedRestoreLeft() throws IOException {
        Files.write(spillFolder.resolve("run-1.bin"), new byte[] {1, 2, 3});
        Files.write(spillFolder.resolve("run-2.bin"), new byte[] {4});
        KeyOrder.emptySpillFolder(spillFolder);
        assertEquals(0, fileCount());
        KeyOrder.emptySpillFolder(spillFolder.resolve("never-made")); // no folder yet: nothing to do
    }
}
