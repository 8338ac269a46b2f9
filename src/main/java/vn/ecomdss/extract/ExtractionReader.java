package vn.ecomdss.extract;

import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * The extract step's reader. The step is built once and runs many times, so at each execution it asks the source's
 * kind for a reader of this run (from the source's watermarks, none on a full refresh), or reads nothing when the
 * run's {@code sources} leave the source out. When the step completes, what that reader reached becomes the
 * source's watermarks.
 */
final class ExtractionReader implements ItemStreamReader<FetchedRecord>, StepExecutionListener {

    private final SourceDefinition source;
    private final Source kind;
    private final SourceWatermarks watermarks;
    private final SourceProgress progress;
    private RunParameters run;
    private SourceReader reader;

    ExtractionReader(SourceDefinition source, Source kind, SourceWatermarks watermarks, SourceProgress progress) {
        this.source = source;
        this.kind = kind;
        this.watermarks = watermarks;
        this.progress = progress;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        run = RunParameters.of(stepExecution.getJobExecution().getJobParameters());
        if (!run.includes(source.name())) {
            reader = null;
            return;
        }
        Map<String, String> from = run.fullRefresh() ? Map.of() : watermarks.of(source.name());
        reader = kind.reader(source, run, from, progress);
    }

    @Override
    public void open(ExecutionContext context) {
        if (reader != null) {
            reader.open(context);
        }
    }

    @Override
    public FetchedRecord read() throws Exception {
        return reader == null ? null : reader.read();
    }

    @Override
    public void update(ExecutionContext context) {
        if (reader != null) {
            reader.update(context);
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (reader != null && stepExecution.getStatus() == BatchStatus.COMPLETED) {
            watermarks.save(source.name(), reader.newWatermarks(), run.runId());
        }
        return null;
    }
}
