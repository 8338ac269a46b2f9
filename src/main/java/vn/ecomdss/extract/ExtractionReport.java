package vn.ecomdss.extract;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Names the step's source in its execution context (the run summary lists failed sources from it) and, when the
 * step ends, logs what it did and says so in its exit description: skipped, its figures, or why the source failed
 * and whether the job goes on without it.
 */
final class ExtractionReport implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ExtractionReport.class);

    private final SourceDefinition source;
    private final ExtractionStats stats;

    ExtractionReport(SourceDefinition source, ExtractionStats stats) {
        this.source = source;
        this.stats = stats;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        stats.restore(stepExecution.getExecutionContext());
        stepExecution.getExecutionContext().putString(SourceDefinition.EXTRACTED_SOURCE_KEY, source.name());
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        RunParameters run = RunParameters.of(stepExecution.getJobExecution().getJobParameters());
        if (!run.includes(source.name())) {
            log.info("{}: source {} not in this run's sources {}, skipped", stepExecution.getStepName(),
                    source.name(), run.sources());
            return new ExitStatus("COMPLETED", "skipped: source not in sources=" + run.sources());
        }
        String summary = stats.summary();
        stats.executionReported();
        stats.update(stepExecution.getExecutionContext());
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            log.info("{}: source {}: {}", stepExecution.getStepName(), source.name(), summary);
            return stepExecution.getExitStatus().addExitDescription(summary);
        }
        String failure = stepExecution.getFailureExceptions().stream().map(ExtractionReport::rootCause)
                .findFirst().orElse(stepExecution.getStatus().name());
        log.error("{}: source {} failed ({}): {}; {}", stepExecution.getStepName(), source.name(),
                source.continuesOnFailure() ? "the job goes on without it" : "the job fails", failure, summary);
        return stepExecution.getExitStatus().addExitDescription("source " + source.name() + " failed: " + failure
                + "; " + summary);
    }

    /** The innermost message: the URL and what it answered, rather than the chunk machinery's wrapper. */
    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
