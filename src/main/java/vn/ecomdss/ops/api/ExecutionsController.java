package vn.ecomdss.ops.api;

import java.io.IOException;
import java.security.Principal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.PreDestroy;
import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.ops.ExecutionQueries;
import vn.ecomdss.ops.JobControl;
import vn.ecomdss.ops.OperationRefusedException;
import vn.ecomdss.ops.StepLogs;

/** Executions: filtered and paged listing, detail with every step, live progress, stop, restart and abandon. */
@RestController
@RequestMapping("/api/v1/executions")
public class ExecutionsController {

    private static final Set<String> LIVE = Set.of("STARTING", "STARTED", "STOPPING");
    private static final int MAX_PAGE_SIZE = 200;

    private final ExecutionQueries executions;
    private final JobControl control;
    private final JobCatalogue catalogue;
    private final StepLogs stepLogs;
    private final ScheduledExecutorService progress = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "sse-progress");
        thread.setDaemon(true);
        return thread;
    });

    public ExecutionsController(ExecutionQueries executions, JobControl control, JobCatalogue catalogue,
                                StepLogs stepLogs) {
        this.executions = executions;
        this.control = control;
        this.catalogue = catalogue;
        this.stepLogs = stepLogs;
    }

    @GetMapping
    @Operation(summary = "Executions, newest first, filtered by job, status and creation date range [from, to]")
    public ExecutionQueries.Page<ExecutionQueries.ExecutionSummary> list(
            @RequestParam(required = false) String job, @RequestParam(required = false) String status,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (job != null && catalogue.definition(job).isEmpty()) {
            throw OperationRefusedException.badParameter("job", "unknown job '" + job + "' (known: "
                    + catalogue.names() + ")");
        }
        if (status != null && Arrays.stream(BatchStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw OperationRefusedException.badParameter("status", "unknown status '" + status + "' (one of "
                    + Arrays.toString(BatchStatus.values()) + ")");
        }
        if (page < 0) {
            throw OperationRefusedException.badParameter("page", "page must be 0 or more, got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw OperationRefusedException.badParameter("size", "size must be 1 to " + MAX_PAGE_SIZE + ", got " + size);
        }
        LocalDateTime fromTime = date("from", from);
        LocalDateTime toTime = date("to", to);
        if (fromTime != null && toTime != null && toTime.isBefore(fromTime)) {
            throw OperationRefusedException.badParameter("to", "to (" + to + ") is before from (" + from + ")");
        }
        return executions.find(new ExecutionQueries.Filter(job, status, fromTime,
                toTime == null ? null : toTime.plusDays(1), page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "An execution with every step execution's status, counts, exit message and duration")
    public ExecutionQueries.ExecutionDetail detail(@PathVariable long id) {
        return executions.detail(id).orElseThrow(() -> OperationRefusedException.notFound("execution", id));
    }

    @GetMapping("/{id}/steps/{step}/log")
    @Operation(summary = "What a step of the execution logged, each attempt's lines in order")
    public StepLog log(@PathVariable long id, @PathVariable String step) {
        ExecutionQueries.ExecutionDetail detail = executions.detail(id)
                .orElseThrow(() -> OperationRefusedException.notFound("execution", id));
        if (detail.steps().stream().noneMatch(s -> s.name().equals(step))) {
            throw OperationRefusedException.notFound("step", step + " in execution " + id + " (its steps: "
                    + detail.steps().stream().map(ExecutionQueries.StepView::name).toList() + ")");
        }
        return new StepLog(id, step, stepLogs.lines(id, step));
    }

    /** A step's log lines in one execution. */
    public record StepLog(long execution, String step, List<StepLogs.Line> lines) {
    }

    @GetMapping(path = "/{id}/events", produces = "text/event-stream")
    @Operation(summary = "Server-sent 'execution' events with the execution's detail every second until it ends")
    public SseEmitter events(@PathVariable long id) {
        executions.summary(id).orElseThrow(() -> OperationRefusedException.notFound("execution", id));
        SseEmitter emitter = new SseEmitter(30 * 60_000L);
        AtomicReference<ScheduledFuture<?>> ticking = new AtomicReference<>();
        Runnable tick = () -> {
            try {
                ExecutionQueries.ExecutionDetail detail = executions.detail(id).orElseThrow();
                emitter.send(SseEmitter.event().name("execution").data(detail));
                if (!LIVE.contains(detail.status())) {
                    emitter.complete();
                    ticking.get().cancel(false);
                }
            } catch (IOException | IllegalStateException e) {
                ticking.get().cancel(false);
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
                ticking.get().cancel(false);
            }
        };
        ticking.set(progress.scheduleWithFixedDelay(tick, 0, 1, TimeUnit.SECONDS));
        emitter.onCompletion(() -> ticking.get().cancel(false));
        emitter.onTimeout(() -> ticking.get().cancel(false));
        return emitter;
    }

    @PostMapping("/{id}/stop")
    @Operation(summary = "Ask a running execution to stop at its next chunk boundary")
    public ResponseEntity<ExecutionQueries.ExecutionSummary> stop(@PathVariable long id, Principal principal) {
        control.stop(id, principal.getName());
        return ResponseEntity.accepted().body(executions.summary(id).orElseThrow());
    }

    @PostMapping("/{id}/restart")
    @Operation(summary = "Restart a FAILED or STOPPED execution from its failed step, as a new execution")
    public ResponseEntity<ExecutionQueries.ExecutionSummary> restart(@PathVariable long id, Principal principal) {
        JobExecution restarted = control.restart(id, principal.getName());
        return ResponseEntity.accepted()
                .location(java.net.URI.create("/api/v1/executions/" + restarted.getId()))
                .body(executions.summary(restarted.getId()).orElseThrow());
    }

    @PostMapping("/{id}/abandon")
    @Operation(summary = "Mark a STOPPED or FAILED execution as never to be restarted")
    public ExecutionQueries.ExecutionSummary abandon(@PathVariable long id, Principal principal) {
        control.abandon(id, principal.getName());
        return executions.summary(id).orElseThrow();
    }

    private static LocalDateTime date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text).atStartOfDay();
        } catch (DateTimeParseException e) {
            throw OperationRefusedException.badParameter(field, field + " must be a date YYYY-MM-DD, got '" + text + "'");
        }
    }

    @PreDestroy
    void close() {
        progress.shutdownNow();
    }
}
