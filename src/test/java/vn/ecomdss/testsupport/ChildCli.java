package vn.ecomdss.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import vn.ecomdss.DssApplication;

/**
 * The command line as an operator runs it, in child JVMs on one data directory: each command's output goes to a log
 * file under it, which a failing assertion can quote; a test watches a running child through its database.
 */
public final class ChildCli {

    private final Path dataDir;
    private final List<String> options;
    private final Map<Process, Path> logs = new ConcurrentHashMap<>();

    /** Commands on {@code dataDir}, each with {@code options} (such as source addresses) after its arguments. */
    public ChildCli(Path dataDir, List<String> options) {
        this.dataDir = dataDir;
        this.options = List.copyOf(options);
    }

    public Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.java());
        command.add("-Xmx768m");
        command.addAll(ChildJvm.options());
        command.add(DssApplication.class.getName());
        command.addAll(args);
        command.add("--dss.data-dir=" + dataDir);
        command.add("--dss.db.embedded-binaries-dir=" + PostgresBinaries.DIR);
        command.add("--dss.retries.default-retries=0");
        command.addAll(options);
        File log = dataDir.resolve("cli-" + System.nanoTime() + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        logs.put(process, log.toPath());
        return process;
    }

    /** What the command printed (its last 4000 characters). */
    public String log(Process process) {
        try {
            String text = Files.readString(logs.get(process));
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Waits until {@code query} finds a row in the running {@code child}'s database, and answers its first column;
     * fails when the child ends first or {@code patience} runs out.
     */
    public String await(Process child, String query, String what, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("the command ended before " + what + ": " + log(child));
            }
            Path endpoints = dataDir.resolve("endpoints.properties");
            if (Files.exists(endpoints)) {
                Properties properties = new Properties();
                try (Reader in = Files.newBufferedReader(endpoints)) {
                    properties.load(in);
                }
                try (Connection connection = DriverManager.getConnection(properties.getProperty("jdbc.url"),
                        properties.getProperty("jdbc.user"), properties.getProperty("jdbc.password"));
                     Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery(query)) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                } catch (SQLException notReadyYet) {
                    // the child is still creating its database or schema
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + " was not seen within " + patience);
    }

    /**
     * The data directory's warehouse, started here while no command runs (the caller closes it); with
     * {@code wal_level=logical} as the platform starts it, which a cluster holding a logical replication slot needs.
     */
    public EmbeddedPostgres warehouse() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setOverrideWorkingDirectory(PostgresBinaries.DIR.toFile()).setCleanDataDirectory(false)
                .setServerConfig("wal_level", "logical").start();
    }
}
