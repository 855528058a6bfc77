package io.dynamis.backup.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dynamis.backup.config.BackupServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWatermarkTest {

    @TempDir
    Path dir;

    @Test
    void theWatermarkStopsBelowAGapAndJumpsWhenItCloses() {
        ArchiveStore store = new ArchiveStore(config(dir));
        try {
            LogWatermark watermark = new LogWatermark(store);
            assertNull(watermark.mark(0));
            watermark.archived(0, 1, 100, 1);
            watermark.archived(0, 2, 200, 1);
            watermark.archived(0, 4, 400, 1);
            watermark.archived(0, 5, 500, 1);
            assertEquals(new LogWatermark.Mark(2, 200), watermark.mark(0));
            watermark.archived(0, 3, 300, 3);
            assertEquals(new LogWatermark.Mark(5, 500), watermark.mark(0));
            watermark.archived(0, 4, 400, 4); // a duplicate changes nothing
            assertEquals(new LogWatermark.Mark(5, 500), watermark.mark(0));
        } finally {
            store.close();
        }
    }

    @Test
    void theWatermarkAndItsPendingRecordsSurviveARestart() {
        ArchiveStore store = new ArchiveStore(config(dir));
        LogWatermark watermark = new LogWatermark(store);
        watermark.archived(0, 10, 1000, 10);
        watermark.archived(0, 12, 1200, 10);
        watermark.save();
        store.commit();
        store.close();

        ArchiveStore reopened = new ArchiveStore(config(dir));
        try {
            LogWatermark again = new LogWatermark(reopened);
            assertEquals(new LogWatermark.Mark(10, 1000), again.mark(0));
            again.archived(0, 11, 1100, 11);
            assertEquals(new LogWatermark.Mark(12, 1200), again.mark(0));
        } finally {
            reopened.close();
        }
    }

    @Test
    void theFirstBatchStartsTheWatermarkBelowItsLowestRecord() {
        ArchiveStore store = new ArchiveStore(config(dir));
        try {
            LogWatermark watermark = new LogWatermark(store);
            watermark.archived(0, 43, 4300, 42);
            assertEquals(new LogWatermark.Mark(41, 0), watermark.mark(0));
            watermark.archived(0, 42, 4200, 42);
            assertEquals(new LogWatermark.Mark(43, 4300), watermark.mark(0));
        } finally {
            store.close();
        }
    }

    static BackupServiceConfig config(Path dir) {
        return new BackupServiceConfig() {
            public String dataDir() { return dir.toString(); }
            public String itemServiceUrl() { return "http://127.0.0.1:1"; }
            public String region() { return "us-east-1"; }
            public String accountId() { return "000000000000"; }
            public boolean archiveEnabled() { return false; }
            public int pointInTimeRecoveryDays() { return 35; }
            public Duration streamRetention() { return Duration.ofHours(24); }
            public Duration retentionInterval() { return Duration.ofMinutes(1); }
            public Duration deletedTableCheckInterval() { return Duration.ofSeconds(5); }
            public Duration snapshotInterval() { return Duration.ofHours(6); }
            public int restoreBatchItems() { return 1000; }
            public Duration catchUpTimeout() { return Duration.ofSeconds(30); }
        };
    }
}
