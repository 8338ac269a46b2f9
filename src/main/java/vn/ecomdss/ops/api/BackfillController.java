package vn.ecomdss.ops.api;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.ops.Backfills;
import vn.ecomdss.ops.JobControl;
import vn.ecomdss.ops.OperationRefusedException;

/** Backfills of a job: start or resume one over a date range, and follow each date's run. */
@RestController
@RequestMapping("/api/v1/jobs/{job}/backfill")
public class BackfillController {

    private final Backfills backfills;
    private final JobCatalogue catalogue;

    public BackfillController(Backfills backfills, JobCatalogue catalogue) {
        this.backfills = backfills;
        this.catalogue = catalogue;
    }

    @PostMapping
    @Operation(summary = "Backfill a job: one run per logical date from 'from' to 'to' (YYYY-MM-DD), in date order, "
            + "'concurrency' at a time (default 1); a range backfilled before is resumed")
    public ResponseEntity<Backfills.Progress> start(@PathVariable String job,
                                                    @RequestBody(required = false) Map<String, Object> body,
                                                    Principal principal) {
        Map<String, String> asText = new LinkedHashMap<>();
        if (body != null) {
            body.forEach((key, value) -> asText.put(key, value == null ? null : String.valueOf(value)));
        }
        Backfills.Progress progress = backfills.start(job, asText, principal.getName(), JobControl.Mode.BACKGROUND);
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job + "/backfill/" + progress.id()))
                .body(progress);
    }

    @GetMapping
    @Operation(summary = "The job's backfills, newest first, each with every date's run")
    public List<Backfills.Progress> list(@PathVariable String job) {
        if (catalogue.definition(job).isEmpty()) {
            throw OperationRefusedException.notFound("job", job);
        }
        return backfills.ofJob(job);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One backfill: its state, the dates per status, and each date's run and latest execution")
    public Backfills.Progress progress(@PathVariable String job, @PathVariable long id) {
        return backfills.progress(id).filter(p -> p.job().equals(job))
                .orElseThrow(() -> OperationRefusedException.notFound("backfill", id));
    }
}
