package vn.ecomdss.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/**
 * Test-only step type {@code flaky}: a step that fails as often as a test asks, for a given run and step. As a
 * tasklet ({@code mode: tasklet}) it writes one row of {@code public.flaky_work} per successful attempt, taking
 * {@code hold} to do so; as a chunk step ({@code mode: chunk}) it reads {@code items} numbers and writes them in
 * chunks of {@code chunk-size}, its writer failing on the chunk holding {@code fail-at-item}. Rows are written in
 * the step's transaction, so a failed chunk leaves none.
 */
class FlakyStepFactory implements StepFactory {

    static final String TABLE = """
            create table if not exists public.flaky_work (
                run_id text not null, step text not null, logical_date date not null, item int not null,
                attempt int not null)
            """;

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final JdbcTemplate jdbc;
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    FlakyStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
    }

    @Override
    public String type() {
        return "flaky";
    }

    /** The next {@code times} attempts of the step in the run fail. */
    void failNext(String runId, String step, int times) {
        failures.put(runId + "/" + step, new AtomicInteger(times));
    }

    /** The most tasklet attempts that ran at the same moment since the last call. */
    int mostInFlightSinceLastAsked() {
        return mostInFlight.getAndSet(0);
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        if (step.text("mode", "tasklet").equals("chunk")) {
            return chunkStep(step);
        }
        Duration hold = Duration.parse(step.text("hold", "PT0S"));
        return new StepBuilder(step.name(), jobRepository).tasklet((contribution, context) -> {
            StepExecution execution = context.getStepContext().getStepExecution();
            int running = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(running, Math::max);
            try {
                Thread.sleep(hold.toMillis());
                failIfAsked(execution);
                write(execution, 0);
            } finally {
                inFlight.decrementAndGet();
            }
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    private Step chunkStep(StepDefinition step) {
        int items = step.integer("items", 10);
        int failAt = step.integer("fail-at-item", 7);
        Numbers numbers = new Numbers(step.name(), items);
        return new StepBuilder(step.name(), jobRepository)
                .<Integer, Integer>chunk(step.integer("chunk-size", 3))
                .transactionManager(transactionManager)
                .reader(numbers)
                .writer(chunk -> {
                    StepExecution execution = numbers.execution;
                    if (chunk.getItems().contains(failAt)) {
                        failIfAsked(execution);
                    }
                    for (Integer item : chunk.getItems()) {
                        write(execution, item);
                    }
                })
                .listener(numbers)
                .build();
    }

    private void failIfAsked(StepExecution execution) {
        AtomicInteger left = failures.get(key(execution));
        if (left != null && left.getAndDecrement() > 0) {
            throw new IllegalStateException("injected fault in " + key(execution) + ", " + left.get() + " more to come");
        }
    }

    private void write(StepExecution execution, int item) {
        RunParameters run = RunParameters.of(execution.getJobExecution().getJobParameters());
        jdbc.update("insert into public.flaky_work (run_id, step, logical_date, item, attempt) values (?, ?, ?, ?, ?)",
                run.runId(), execution.getStepName(), run.logicalDate(), item,
                execution.getExecutionContext().getInt("retry.attempt", 1));
    }

    private static String key(StepExecution execution) {
        return execution.getJobExecution().getJobParameters().getString(RunParameters.RUN_ID) + "/"
                + execution.getStepName();
    }

    /** 1 to {@code items}, restartable: the count read so far is kept in the step's execution context. */
    private static final class Numbers extends AbstractItemCountingItemStreamItemReader<Integer>
            implements org.springframework.batch.core.listener.StepExecutionListener {
        private StepExecution execution;

        Numbers(String name, int items) {
            setName(name);
            setMaxItemCount(items);
        }

        @Override
        public void beforeStep(StepExecution stepExecution) {
            execution = stepExecution;
        }

        @Override
        protected Integer doRead() {
            return getCurrentItemCount();
        }

        @Override
        protected void doOpen() {
        }

        @Override
        protected void doClose() {
        }
    }
}
