package vn.ecomdss.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;

import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.embedded.KafkaEndpoint;
import vn.ecomdss.notify.RunSummary;
import vn.ecomdss.ops.Backfills;
import vn.ecomdss.ops.JobControl;
import vn.ecomdss.ops.OperationRefusedException;
import vn.ecomdss.ops.backup.BackupException;
import vn.ecomdss.ops.backup.BackupManifest;
import vn.ecomdss.ops.backup.Backups;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.StepAttempts;
import vn.ecomdss.quality.QualityReport;
import vn.ecomdss.simulator.EventStreamSimulator;
import vn.ecomdss.simulator.LogDocuments;
import vn.ecomdss.simulator.LogSimulator;
import vn.ecomdss.simulator.MarketEventStreams;
import vn.ecomdss.simulator.ShopDatabaseSimulator;
import vn.ecomdss.warehouse.ExchangeRateLoader;

/**
 * The command line: {@code demo}, {@code run <job> [key=value ...]}, {@code restart <executionId>},
 * {@code stop <executionId>}, {@code executions [job]}, {@code backfill <job> from=... to=... [concurrency=N]},
 * {@code simulate [--oltp [--db-url URL] | --logs [--mongodb-uri URI]] [--minutes N] [--rate-scale X]},
 * {@code backup <dir> [--force]}, {@code restore <dir>}. Launches,
 * stops and restarts go through {@link JobControl} as the admin API's do (same checks, same messages, audited as
 * actor {@code cli}). The exit code is 0 only when the execution the command ran COMPLETED (or, for the read-only
 * commands, when they answered); bad input gets one line on standard error and a code of its own (see
 * {@link #USAGE}), with the stack trace only under {@code --debug}.
 */
@Component
public class DssCommandLine implements ApplicationRunner, ExitCodeGenerator {

    static final String USAGE = """
            usage: java -jar ecommerce-dss.jar <command>
              demo                          run dss_etl on the built-in vnmarket simulator and print what landed
              run <job> [key=value ...]     run a job (run_id, logical_date=YYYY-MM-DD, sources=a,b, full_refresh=true)
              restart <executionId>         restart a failed or stopped execution, or one whose process died
              stop <executionId>            ask a running execution to stop after its current chunk
              executions [job]              list recent executions
              backfill <job> from=YYYY-MM-DD to=YYYY-MM-DD [concurrency=N]
                                            run the job once per logical date in date order, N at a time (default
                                            1); again on the same range: skip completed dates, restart failed ones
              simulate [--minutes N] [--rate-scale X] [--seed S] [--start ISO-INSTANT]
                                            publish the event streams to Kafka for N minutes (default 1) at X times
                                            the original rates (default 1)
              simulate --oltp [--db-url JDBC-URL] [--minutes N] [--rate-scale X] [--seed S]
                                            run the shop on its database (schema oltp; default the platform's
                                            PostgreSQL, DSS_OLTP_USER/DSS_OLTP_PASSWORD for another): sign-ups,
                                            address and price changes, orders, payments, cancellations, delistings
              simulate --logs [--mongodb-uri URI] [--database D] [--minutes N] [--rate-scale X] [--seed S]
                                            write the services' logs (user_activities, system_events, error_logs)
                                            into database D (default ecommerce_logs) of the platform's document
                                            store, or of the MongoDB at URI, in real time for N minutes
              quality [runId]               print the quality results of a run (default: the latest)
              rates <file.csv>              add exchange rates to VND (currency,valid_from,rate_to_vnd,note)
              server                        run the web dashboard, the admin API and the scheduler
              backup <dir> [--force]        write the warehouse, job repository and lake into a new directory
                                            (refused while an execution runs, unless --force)
              restore <dir>                 load a backup into an empty platform (a new data directory or an
                                            empty database) and refresh the marts
            options: --debug prints the stack trace behind an error
            exit codes: 0 completed (or answered), 1 the execution did not complete, 2 usage, 3 invalid parameter,
                        4 no such job or execution, 5 refused in the current state (running, completed, finished)
            """;

    static final String ACTOR = "cli";
    static final int NOT_COMPLETED = 1;
    static final int USAGE_ERROR = 2;
    static final int INVALID_PARAMETER = 3;
    static final int NOT_FOUND = 4;
    static final int REFUSED_IN_STATE = 5;

    private final JobControl control;
    private final JobRepository jobRepository;
    private final JobCatalogue catalogue;
    private final JdbcTemplate jdbc;
    private final EventStreamSimulator simulator;
    private final ShopDatabaseSimulator shop;
    private final LogSimulator logs;
    private final Environment environment;
    private final KafkaEndpoint kafka;
    private final QualityReport qualityReport;
    private final ExchangeRateLoader exchangeRates;
    private final Backfills backfills;
    private final Backups backups;
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private int exitCode;

    public DssCommandLine(JobControl control, JobRepository jobRepository, JobCatalogue catalogue,
                          JdbcTemplate jdbc, EventStreamSimulator simulator, ShopDatabaseSimulator shop,
                          Environment environment, KafkaEndpoint kafka, QualityReport qualityReport,
                          ExchangeRateLoader exchangeRates, Backfills backfills, LogSimulator logs,
                          Backups backups) {
        this.backfills = backfills;
        this.backups = backups;
        this.logs = logs;
        this.simulator = simulator;
        this.shop = shop;
        this.environment = environment;
        this.kafka = kafka;
        this.control = control;
        this.jobRepository = jobRepository;
        this.catalogue = catalogue;
        this.jdbc = jdbc;
        this.qualityReport = qualityReport;
        this.exchangeRates = exchangeRates;
    }

    @Override
    public void run(ApplicationArguments arguments) throws Exception {
        List<String> args = arguments.getNonOptionArgs();
        if (args.isEmpty()) {
            return;
        }
        out = System.out;
        err = System.err;
        try {
            exitCode = command(args.get(0), args.subList(1, args.size()), arguments);
        } catch (OperationRefusedException e) {
            exitCode = refused(e, arguments);
        } catch (UsageException e) {
            exitCode = usage(e.getMessage());
            debug(e, arguments);
        } catch (BackupException e) {
            err.println("error: " + e.getMessage());
            debug(e, arguments);
            exitCode = NOT_COMPLETED;
        }
    }

    private int command(String name, List<String> rest, ApplicationArguments arguments) throws Exception {
        return switch (name) {
            case "demo" -> demo();
            case "run" -> rest.isEmpty() ? usage("run needs a job name") : report(run(rest.get(0), rest.subList(1, rest.size())));
            case "restart" -> rest.size() != 1 ? usage("restart needs an execution id") : report(restart(executionId(rest.get(0))));
            case "stop" -> rest.size() != 1 ? usage("stop needs an execution id") : stop(executionId(rest.get(0)));
            case "executions" -> executions(rest.isEmpty() ? null : rest.get(0));
            case "backfill" -> rest.isEmpty() ? usage("backfill needs a job name")
                    : backfill(rest.get(0), rest.subList(1, rest.size()));
            case "simulate" -> simulate(Arrays.asList(arguments.getSourceArgs()));
            case "quality" -> qualityReport.print(rest.isEmpty() ? null : rest.get(0), out) ? 0 : 1;
            case "rates" -> rest.size() != 1 ? usage("rates needs a CSV file") : rates(java.nio.file.Path.of(rest.get(0)));
            case "server" -> 0;
            case "backup" -> rest.size() != 1 ? usage("backup needs a directory")
                    : backup(java.nio.file.Path.of(rest.get(0)), arguments.containsOption("force"));
            case "restore" -> rest.size() != 1 ? usage("restore needs a backup directory")
                    : restore(java.nio.file.Path.of(rest.get(0)));
            default -> usage("unknown command '" + name + "'");
        };
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private int demo() throws Exception {
        JobExecution execution = run("dss_etl", List.of("sources=vnmarket"));
        String runId = execution.getJobParameters().getString(RunParameters.RUN_ID);
        int code = report(execution);
        out.println();
        out.println("What landed in the warehouse:");
        Map<String, String> counts = new LinkedHashMap<>();
        counts.put("current products", "select count(*) from dw.dim_product where is_current");
        counts.put("current customers", "select count(*) from dw.dim_customer where is_current");
        counts.put("order lines", "select count(*) from dw.fact_sales");
        counts.put("revenue (VND)", "select coalesce(sum(net_amount_vnd), 0) from dw.fact_sales");
        counts.put("mart.mv_monthly_sales rows", "select count(*) from mart.mv_monthly_sales");
        counts.put("mart.mv_customer_analytics rows", "select count(*) from mart.mv_customer_analytics");
        counts.put("mart.mv_product_performance rows", "select count(*) from mart.mv_product_performance");
        counts.forEach((label, sql) -> out.printf("  %-34s %s%n", label, jdbc.queryForObject(sql, Object.class)));
        out.printf("  %-34s %s%n", "final quality score", jdbc.queryForObject(
                "select coalesce(max(score), 0) from dq.run_score where stage = 'final' and run_id = ?", Object.class,
                runId));
        return code;
    }

    /** Runs a job in the foreground, its {@code key=value} parameters checked as the admin API checks them. */
    JobExecution run(String jobName, List<String> keyValues) {
        return control.launch(jobName, keyValues("run", keyValues), ACTOR, JobControl.Mode.FOREGROUND);
    }

    /**
     * Backfills a job in the foreground, then prints each date's run; 0 when every date of the range has completed.
     */
    int backfill(String jobName, List<String> keyValues) {
        Backfills.Progress progress = backfills.start(jobName, keyValues("backfill", keyValues), ACTOR,
                JobControl.Mode.FOREGROUND);
        out.printf("%nBackfill %d of %s from %s to %s (concurrency %d): %s %s%n", progress.id(), progress.job(),
                progress.from(), progress.to(), progress.concurrency(), progress.state(), progress.counts());
        out.printf("  %-12s %-40s %-10s %-10s %s%n", "date", "run_id", "execution", "status", "executions");
        for (Backfills.DateRun date : progress.dates()) {
            out.printf("  %-12s %-40s %-10s %-10s %d%n", date.logicalDate(), date.runId(),
                    date.executionId() == null ? "" : date.executionId(), date.status() == null ? "NONE" : date.status(),
                    date.executions());
        }
        if (!"COMPLETED".equals(progress.state())) {
            out.printf("To run the dates that did not complete again: java -jar target/ecommerce-dss.jar backfill %s "
                    + "from=%s to=%s%n", progress.job(), progress.from(), progress.to());
        }
        return "COMPLETED".equals(progress.state()) ? 0 : NOT_COMPLETED;
    }

    private static Map<String, String> keyValues(String command, List<String> keyValues) {
        Map<String, String> requested = new LinkedHashMap<>();
        for (String keyValue : keyValues) {
            int eq = keyValue.indexOf('=');
            if (eq <= 0) {
                throw new UsageException(command + " parameters are key=value, got '" + keyValue + "'");
            }
            requested.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
        }
        return requested;
    }

    /**
     * Restarts a failed or stopped execution in the foreground. One still marked running whose process is gone
     * (its liveness lock is free) is first marked failed, with its running steps, so that it can be restarted.
     */
    JobExecution restart(long executionId) {
        return control.restart(executionId, ACTOR, JobControl.Mode.FOREGROUND);
    }

    /** Options as {@code --name value} or {@code --name=value}; {@code --oltp} and {@code --logs} alone are flags. */
    private int simulate(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("minutes", "1", "rate-scale", "1", "seed", "42"));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (arg.equals("--oltp") || arg.equals("--logs")) {
                options.put(arg.substring(2), "true");
            } else if (i + 1 < args.size()) {
                options.put(arg.substring(2), args.get(++i));
            }
        }
        if (options.containsKey("oltp") && options.containsKey("logs")) {
            return usage("simulate runs the shop (--oltp) or writes the logs (--logs), not both at once");
        }
        if (options.containsKey("oltp")) {
            return simulateShop(options);
        }
        if (options.containsKey("logs")) {
            return simulateLogs(options);
        }
        double minutes = option(options, "minutes", Double::parseDouble);
        double scale = option(options, "rate-scale", Double::parseDouble);
        long seed = option(options, "seed", Long::parseLong);
        if (!(minutes > 0) || !(scale > 0)) {
            return usage("simulate needs --minutes and --rate-scale greater than 0");
        }
        Instant start = options.containsKey("start") ? option(options, "start", Instant::parse)
                : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        out.printf("Simulating %.2f minutes at %.2fx the original rates (seed %s) to Kafka %s%n", minutes, scale,
                options.get("seed"), kafka.bootstrapServers());
        EventStreamSimulator.Produced produced = simulator.run(Duration.ofMillis((long) (minutes * 60_000)), scale,
                seed, start);
        for (MarketEventStreams.Stream stream : MarketEventStreams.Stream.values()) {
            double target = stream.events * scale / stream.per.toSeconds();
            out.printf("  %-20s %9d events  %10.1f/s  (target %.1f/s = %d per %s x %.2f)%n", stream.topic,
                    produced.events().get(stream), produced.perSecond(stream), target, stream.events,
                    stream.per.toMinutes() == 60 ? "hour" : "minute", scale);
        }
        out.printf("  %-20s %9d events in %.1f s%n", "total", produced.total(), produced.elapsed().toMillis() / 1000.0);
        return 0;
    }

    /** The shop writing its own database, in the platform's PostgreSQL unless {@code --db-url} names another. */
    private int simulateShop(Map<String, String> options) {
        double minutes = option(options, "minutes", Double::parseDouble);
        double scale = option(options, "rate-scale", Double::parseDouble);
        long seed = option(options, "seed", Long::parseLong);
        if (!(minutes > 0) || !(scale > 0)) {
            return usage("simulate needs --minutes and --rate-scale greater than 0");
        }
        String url = options.get("db-url");
        DataSource database = url == null ? shop.platformDatabase()
                : new DriverManagerDataSource(url, environment.getProperty("dss.oltp.user", ""),
                        environment.getProperty("dss.oltp.password", ""));
        out.printf("Running the shop for %.2f minutes at %.2fx %.0f operations/s (seed %d) on %s%n", minutes, scale,
                ShopDatabaseSimulator.OPERATIONS_PER_SECOND, seed, url == null ? "the platform's PostgreSQL" : url);
        ShopDatabaseSimulator.ShopActivity activity = shop.run(database, Duration.ofMillis((long) (minutes * 60_000)),
                scale, seed);
        activity.operations().forEach((operation, count) -> out.printf("  %-14s %9d%n", operation, count));
        out.printf("  %-14s %9d operations in %.1f s%n", "total", activity.total(),
                activity.elapsed().toMillis() / 1000.0);
        return 0;
    }

    /** The services' logs into the document store: the platform's own unless {@code --mongodb-uri} names another. */
    private int simulateLogs(Map<String, String> options) {
        double minutes = option(options, "minutes", Double::parseDouble);
        double scale = option(options, "rate-scale", Double::parseDouble);
        long seed = option(options, "seed", Long::parseLong);
        if (!(minutes > 0) || !(scale > 0)) {
            return usage("simulate needs --minutes and --rate-scale greater than 0");
        }
        String uri = options.get("mongodb-uri");
        if (uri != null && !uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
            return usage("simulate --mongodb-uri is a MongoDB connection string (mongodb://host:27017), not '" + uri
                    + "'");
        }
        String database = options.getOrDefault("database", "ecommerce_logs");
        if (!database.matches("[A-Za-z0-9_-]{1,63}")) {
            return usage("simulate --database is a database name (letters, digits, _ and -), not '" + database + "'");
        }
        Instant start = options.containsKey("start") ? option(options, "start", Instant::parse)
                : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        out.printf("Writing %.2f minutes of logs at %.2fx the seed rates (seed %d) into %s of %s%n", minutes, scale,
                seed, database, uri == null ? "the platform's document store" : "the MongoDB at " + uri
                        .replaceAll("//[^@/]*@", "//***@"));
        LogSimulator.Written written = logs.run(uri, database, Duration.ofMillis((long) (minutes * 60_000)), scale,
                seed, start);
        for (LogDocuments.Collection collection : LogDocuments.Collection.values()) {
            out.printf("  %-16s %9d documents, %d of them broken (target %d per minute x %.2f)%n",
                    collection.collection, written.documents().get(collection), written.broken().get(collection),
                    collection.documents, scale);
        }
        out.printf("  %-16s %9d documents in %.1f s%n", "total", written.total(), written.elapsed().toMillis() / 1000.0);
        return 0;
    }

    private static <T> T option(Map<String, String> options, String name, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(options.get(name));
        } catch (RuntimeException e) {
            throw new UsageException("simulate --" + name + " cannot be '" + options.get(name) + "'");
        }
    }

    private int rates(java.nio.file.Path csv) {
        int loaded = exchangeRates.load(csv);
        out.printf("Loaded %d exchange rates from %s; orders are converted at the rate in force on their order date%n",
                loaded, csv);
        return 0;
    }

    private int backup(java.nio.file.Path dir, boolean force) throws Exception {
        Backups.Taken taken = backups.backup(dir, force);
        BackupManifest manifest = taken.manifest();
        out.printf("Backup in %s (schema version %s, %d tables with %d rows, %d sequences; lake %s: %d collections "
                        + "with %d documents, %d archive files): %.1f MB in %.1f s%n", dir.toAbsolutePath(),
                manifest.flywayVersion(), manifest.tables().size(),
                manifest.tables().stream().mapToLong(BackupManifest.Table::rows).sum(), manifest.sequences().size(),
                manifest.lakeDatabase(), manifest.lakeCollections().size(),
                manifest.lakeCollections().stream().mapToLong(BackupManifest.Collection::documents).sum(),
                manifest.lakeArchive().size(), taken.bytes() / 1e6, taken.millis() / 1000.0);
        return 0;
    }

    private int restore(java.nio.file.Path dir) throws Exception {
        Backups.Restored restored = backups.restore(dir);
        BackupManifest manifest = restored.manifest();
        out.printf("Restored %s (taken %s, schema version %s): %d tables with %d rows, %d lake collections with %d "
                        + "documents, %d archive files; refreshed %d materialised views; in %.1f s%n",
                dir.toAbsolutePath(), manifest.createdAt(), manifest.flywayVersion(), manifest.tables().size(),
                manifest.tables().stream().mapToLong(BackupManifest.Table::rows).sum(),
                manifest.lakeCollections().size(),
                manifest.lakeCollections().stream().mapToLong(BackupManifest.Collection::documents).sum(),
                manifest.lakeArchive().size(), restored.refreshed().size(), restored.millis() / 1000.0);
        return 0;
    }

    private int stop(long executionId) {
        control.stop(executionId, ACTOR);
        out.printf("Stop requested for execution %d; it stops at its next chunk boundary%n", executionId);
        return 0;
    }

    private int executions(String jobName) {
        if (jobName != null && !catalogue.names().contains(jobName)) {
            throw OperationRefusedException.notFound("job", jobName);
        }
        List<String> jobs = jobName == null ? catalogue.names() : List.of(jobName);
        out.printf("%-10s %-14s %-34s %-10s %-20s %s%n", "execution", "job", "run_id", "status", "started", "exit");
        for (String job : jobs) {
            for (JobInstance instance : jobRepository.getJobInstances(job, 0, 20)) {
                for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
                    out.printf("%-10d %-14s %-34s %-10s %-20s %s%n", execution.getId(), job,
                            execution.getJobParameters().getString(RunParameters.RUN_ID), execution.getStatus(),
                            execution.getStartTime() == null ? "" : execution.getStartTime().withNano(0),
                            execution.getExitStatus().getExitCode());
                }
            }
        }
        return 0;
    }

    private int report(JobExecution execution) {
        JobExecution stored = jobRepository.getJobExecution(execution.getId());
        out.printf("%nExecution %d of %s (run_id=%s): %s%n", stored.getId(), stored.getJobInstance().getJobName(),
                stored.getJobParameters().getString(RunParameters.RUN_ID), stored.getStatus());
        for (StepExecution step : stored.getStepExecutions()) {
            int attempt = StepAttempts.attempt(step);
            out.printf("  %-28s %-10s read %6d  written %6d  skipped %4d  %s%n",
                    attempt > 1 ? step.getStepName() + " #" + attempt : step.getStepName(), step.getStatus(),
                    step.getReadCount(), step.getWriteCount(), step.getSkipCount(),
                    abbreviate(step.getExitStatus().getExitDescription()));
        }
        List<String> failedSources = RunSummary.failedSources(stored);
        if (!failedSources.isEmpty()) {
            out.println("  partial: the run went on without the failed sources " + failedSources);
        }
        for (Throwable failure : stored.getAllFailureExceptions()) {
            out.println("  failure: " + failure.getMessage());
        }
        if (stored.getStatus() != BatchStatus.COMPLETED) {
            out.printf("To resume from the failed step: java -jar target/ecommerce-dss.jar restart %d%n", stored.getId());
        }
        return stored.getStatus() == BatchStatus.COMPLETED ? 0 : NOT_COMPLETED;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }

    private static long executionId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("an execution id is a number, got '" + text + "'; see 'executions'");
        }
    }

    private int usage(String problem) {
        err.println("error: " + problem);
        err.print(USAGE);
        return USAGE_ERROR;
    }

    /** One line naming what was wrong and what to do, and the exit code of that kind of refusal. */
    private int refused(OperationRefusedException e, ApplicationArguments arguments) {
        String field = String.valueOf(e.properties().get("field"));
        String next = switch (e.status()) {
            case NOT_FOUND -> field.equals("job") ? "; known jobs: " + String.join(", ", catalogue.names())
                    : "; see 'executions'";
            default -> "";
        };
        err.println("error: " + e.getMessage() + next);
        debug(e, arguments);
        return switch (e.status()) {
            case BAD_REQUEST -> INVALID_PARAMETER;
            case NOT_FOUND -> NOT_FOUND;
            default -> REFUSED_IN_STATE;
        };
    }

    private void debug(Exception e, ApplicationArguments arguments) {
        if (arguments.containsOption("debug")) {
            e.printStackTrace(err);
        }
    }

    /** Arguments the command line cannot read: answered with the usage and exit code 2. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

}
