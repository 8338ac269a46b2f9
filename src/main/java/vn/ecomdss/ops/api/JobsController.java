package vn.ecomdss.ops.api;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.ops.ExecutionQueries;
import vn.ecomdss.ops.JobControl;
import vn.ecomdss.ops.OperationRefusedException;
import vn.ecomdss.ops.ScheduleBook;
import vn.ecomdss.pipeline.JobDefinition;

/** Jobs as their definitions declare them, with their schedules, and the operator's launch and pause. */
@RestController
@RequestMapping("/api/v1/jobs")
public class JobsController {

    public record ScheduleView(String cron, String zone, boolean paused, ZonedDateTime nextFireTime) {
    }

    public record StepView(String name, String type, List<String> dependsOn) {
    }

    public record JobView(String name, String description, String file, ScheduleView schedule, List<StepView> steps,
                          ExecutionQueries.ExecutionSummary lastExecution, List<Long> runningExecutionIds) {
    }

    public record Launched(long executionId, String job, String runId, String status) {
    }

    private final JobCatalogue catalogue;
    private final ScheduleBook schedules;
    private final ExecutionQueries executions;
    private final JobControl control;

    public JobsController(JobCatalogue catalogue, ScheduleBook schedules, ExecutionQueries executions,
                          JobControl control) {
        this.catalogue = catalogue;
        this.schedules = schedules;
        this.executions = executions;
        this.control = control;
    }

    @GetMapping
    @Operation(summary = "Every job with its schedule, next fire time and latest execution")
    public List<JobView> jobs() {
        return catalogue.names().stream().map(this::view).toList();
    }

    @GetMapping("/{job}")
    @Operation(summary = "One job")
    public JobView job(@PathVariable String job) {
        return view(job);
    }

    @PostMapping("/{job}/executions")
    @Operation(summary = "Launch a job; parameters run_id, logical_date (YYYY-MM-DD), sources (a,b), full_refresh")
    public ResponseEntity<Launched> launch(@PathVariable String job,
                                           @RequestBody(required = false) Map<String, Object> parameters,
                                           Principal principal) {
        Map<String, String> asText = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach((key, value) -> asText.put(key, value == null ? null : String.valueOf(value)));
        }
        JobExecution execution = control.launch(job, asText, principal.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/executions/" + execution.getId()))
                .body(new Launched(execution.getId(), job, execution.getJobParameters().getString("run_id"),
                        execution.getStatus().name()));
    }

    @PostMapping("/{job}/schedule/pause")
    @Operation(summary = "Pause a job's schedule (manual launches still work)")
    public JobView pause(@PathVariable String job, Principal principal) {
        control.pause(job, true, principal.getName());
        return view(job);
    }

    @PostMapping("/{job}/schedule/resume")
    @Operation(summary = "Resume a paused schedule from its next slot")
    public JobView resume(@PathVariable String job, Principal principal) {
        control.pause(job, false, principal.getName());
        return view(job);
    }

    private JobView view(String name) {
        JobDefinition definition = catalogue.definition(name)
                .orElseThrow(() -> OperationRefusedException.notFound("job", name));
        JobDefinition.Schedule schedule = definition.schedule();
        ScheduleView scheduleView = schedule == null ? null : new ScheduleView(schedule.cron(),
                schedule.zone().getId(), schedules.paused(name),
                ScheduleBook.nextFire(schedule, Instant.now()).orElse(null));
        List<StepView> steps = definition.steps().stream()
                .map(s -> new StepView(s.name(), s.type(), List.copyOf(s.dependsOn()))).toList();
        return new JobView(name, definition.description(), definition.file(), scheduleView, steps,
                executions.latest(name).orElse(null), control.running(name));
    }
}
