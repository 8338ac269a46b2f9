package vn.ecomdss.ops.backup;

/** A backup or restore that cannot go on, with what and where: a directory, a file, a table, a collection. */
public class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
