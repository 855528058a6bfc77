/** Restores into new tables (RestoreTableToPointInTime, the restore jobs and their progress). */
package io.dynamis.backup.restore;
