package io.dynamis.backup.backups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.protocol.RequestReader;

/** The BackupArn member of DescribeBackup, DeleteBackup and RestoreTableFromBackup. */
final class BackupArns {

    private BackupArns() {
    }

    static String required(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String arn = request.string("BackupArn");
        request.requirePresent("BackupArn", "backupArn");
        if (arn != null && (arn.length() < 37 || arn.length() > 1024)) {
            request.violation("Value '" + arn + "' at 'backupArn' failed to satisfy constraint: Member must have length "
                    + (arn.length() < 37 ? "greater than or equal to 37" : "less than or equal to 1024"));
        }
        request.validate();
        return arn;
    }
}
