package vn.ecomdss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * The command line answers bad input as the admin API does: one line on standard error naming what was wrong
 * and what to do, an exit code per kind of refusal, the stack trace only under {@code --debug}, and the refusal
 * in the audit log as actor {@code cli}.
 */
class CommandLineBadInputTest extends PlatformTestSupport {

    @Autowired
    DssCommandLine commandLine;

    record Answer(int exitCode, String out, String err) {
        long errLines() {
            return err.lines().count();
        }
    }

    @Test
    void restartOfAnExecutionThatDoesNotExistNamesItAndPointsToExecutions() {
        Answer answer = cli("restart", "987654");

        assertThat(answer.err()).isEqualTo("error: no execution 987654; see 'executions'\n");
        assertThat(answer.exitCode()).isEqualTo(DssCommandLine.NOT_FOUND).isEqualTo(4);
        assertThat(audited("restart", "execution 987654")).isEqualTo("refused 404");
    }

    @Test
    void aLogicalDateThatIsNotInTheCalendarIsAnInvalidParameter() {
        Answer answer = cli("run", "dss_etl", "logical_date=2026-02-30");

        assertThat(answer.err()).isEqualTo(
                "error: logical_date must be a calendar date as YYYY-MM-DD, got '2026-02-30'\n");
        assertThat(answer.exitCode()).isEqualTo(DssCommandLine.INVALID_PARAMETER).isEqualTo(3);
    }

    @Test
    void aBackfillOfDssEtlRunsOneDateAtATimeBecauseItsDatesShareItsLoads() {
        Answer answer = cli("backfill", "dss_etl", "from=2026-05-01", "to=2026-05-03", "concurrency=2");

        assertThat(answer.errLines()).isOne();
        assertThat(answer.err()).startsWith("error: job dss_etl backfills one date at a time: its definition does not "
                + "declare date-partitioned: true").endsWith("use concurrency=1\n");
        assertThat(answer.exitCode()).isEqualTo(DssCommandLine.INVALID_PARAMETER);
        assertThat(count("select count(*) from ops.backfill where job_name = 'dss_etl'")).isZero();
        assertThat(audited("backfill", "backfill dss_etl 2026-05-01..2026-05-03")).isEqualTo("refused 400");
        assertThat(cli("backfill", "dss_etl", "from=2026-05-01").err())
                .isEqualTo("error: a backfill needs to=YYYY-MM-DD\n");
    }

    @Test
    void anUnknownJobNamesTheKnownOnes() {
        Answer answer = cli("run", "nope");

        assertThat(answer.err()).isEqualTo("error: no job nope; known jobs: " + String.join(", ", catalogue.names())
                + "\n");
        assertThat(answer.exitCode()).isEqualTo(DssCommandLine.NOT_FOUND);
    }

    @Test
    void anUnknownSourceNamesTheKnownOnes() {
        Answer answer = cli("run", "dss_etl", "sources=nope");

        assertThat(answer.errLines()).isOne();
        assertThat(answer.err()).startsWith("error: sources: unknown source(s) [nope] (known: [")
                .contains("dummyjson", "vnmarket");
        assertThat(answer.exitCode()).isEqualTo(DssCommandLine.INVALID_PARAMETER);
    }

    @Test
    void anUnknownParameterKeyIsRefusedWithTheAdminApisMessage() {
        Answer answer = cli("run", "dss_etl", "run_id=cli-unknown-key", "souces=vnmarket");

        assertThat(answer.err()).isEqualTo(
                "error: unknown parameter 'souces' (known: [as_of, clv_horizon_days, follow, full_refresh, horizon_days, logical_date, run_id, seed, sources, training_cutoff])\n");
        assertThat(answer.exitCode()).isEqualTo(DssCommandLine.INVALID_PARAMETER);
        assertThat(count("select count(*) from batch_job_execution_params where parameter_value = 'cli-unknown-key'"))
                .as("nothing was launched").isZero();
        assertThat(audited("launch", "job dss_etl")).isEqualTo("refused 400");
    }

    @Test
    void stopOfAFinishedRunSaysItIsFinishedAndPrintsTheStackTraceOnlyUnderDebug() throws Exception {
        JobExecution finished = runEtl("cli-finished", "2026-10-05", "dummyjson");
        assertThat(finished.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Answer answer = cli("stop", String.valueOf(finished.getId()));
        assertThat(answer.err()).isEqualTo("error: execution " + finished.getId()
                + " is COMPLETED; only a running execution can be stopped\n");
        assertThat(answer.exitCode()).isEqualTo(DssCommandLine.REFUSED_IN_STATE).isEqualTo(5);

        Answer debug = cli("stop", String.valueOf(finished.getId()), "--debug");
        assertThat(debug.err()).startsWith(answer.err()).contains("OperationRefusedException", "\tat ");
        assertThat(debug.exitCode()).isEqualTo(DssCommandLine.REFUSED_IN_STATE);
    }

    @Test
    void aRunThroughTheCommandLineIsAuditedAsCliAndEndsWithItsStatus() {
        Answer answer = cli("run", "dss_etl", "run_id=cli-audited", "logical_date=2026-10-06", "sources=dummyjson");

        assertThat(answer.exitCode()).isZero();
        assertThat(answer.out()).contains("(run_id=cli-audited): COMPLETED");
        assertThat(audited("launch", "job dss_etl")).isEqualTo("accepted");
    }

    @Test
    void aMalformedArgumentIsAUsageError() {
        Answer answer = cli("restart", "seven");

        assertThat(answer.err()).startsWith("error: an execution id is a number, got 'seven'; see 'executions'\n")
                .contains("usage:");
        assertThat(answer.exitCode()).isEqualTo(DssCommandLine.USAGE_ERROR).isEqualTo(2);
    }

    @Test
    void aBackupGoesOnlyIntoAnEmptyDirectoryAndARestoreOnlyOntoAnEmptyPlatform(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a backup");
        Answer intoFullDirectory = cli("backup", dir.toString());
        assertThat(intoFullDirectory.err()).isEqualTo("error: backup directory " + dir + " is not empty; a backup goes "
                + "into a new or empty directory\n");
        assertThat(intoFullDirectory.exitCode()).isEqualTo(DssCommandLine.REFUSED_IN_STATE);
        assertThat(dir.resolve("manifest.json")).doesNotExist();

        Answer notABackup = cli("restore", dir.toString());
        assertThat(notABackup.err()).isEqualTo("error: " + dir + " is not a complete backup: it has no manifest.json\n");
        assertThat(notABackup.exitCode()).isEqualTo(DssCommandLine.INVALID_PARAMETER);

        // The shared platform has run a job, so it is not empty whatever ran before.
        assertThat(runEtl("cli-backup", "2026-10-07", "dummyjson").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path backup = dir.resolve("backup");
        Answer taken = cli("backup", backup.toString());
        assertThat(taken.exitCode()).as(taken.err()).isZero();
        assertThat(taken.out()).startsWith("Backup in " + backup.toAbsolutePath() + " (schema version ");
        assertThat(backup.resolve("manifest.json")).isRegularFile();

        Answer ontoThisPlatform = cli("restore", backup.toString());
        assertThat(ontoThisPlatform.errLines()).isOne();
        assertThat(ontoThisPlatform.err()).startsWith("error: restore needs an empty platform, but the job repository "
                + "holds ").endsWith(" job instance(s) (batch_job_instance); restore into a new data directory or an "
                + "empty database\n");
        assertThat(ontoThisPlatform.exitCode()).isEqualTo(DssCommandLine.REFUSED_IN_STATE);
        assertThat(count("select count(*) from batch_job_execution_params where parameter_value = 'cli-backup'"))
                .as("the platform kept its job repository").isOne();
    }

    private Answer cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            commandLine.run(new DefaultApplicationArguments(args));
        } catch (Exception e) {
            throw new AssertionError("the command line threw instead of answering", e);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Answer(commandLine.getExitCode(), capturedOut.toString(StandardCharsets.UTF_8),
                capturedErr.toString(StandardCharsets.UTF_8));
    }

    /** The outcome of the latest audited action of the command line on that target. */
    private String audited(String action, String target) {
        return jdbc.queryForObject("""
                select outcome from ops.audit_log where actor = 'cli' and action = ? and target = ?
                order by id desc limit 1
                """, String.class, action, target);
    }
}
