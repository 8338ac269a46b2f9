package vn.ecomdss.testsupport;

import java.nio.file.Path;

/** Where the tests unpack the embedded PostgreSQL binaries: once per clean build, under target/ (set by surefire). */
public final class PostgresBinaries {

    public static final Path DIR = Path.of(System.getProperty("dss.db.embedded-binaries-dir", "target/embedded-pg"))
            .toAbsolutePath();

    private PostgresBinaries() {
    }
}
