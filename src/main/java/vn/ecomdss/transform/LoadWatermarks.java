package vn.ecomdss.transform;

import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.RunParameters;

/**
 * Where each (source, entity) was last loaded: the last completed run that transformed it. An incremental
 * listing transforms only what that run did not see. A run's listings are recorded as pending when its transform
 * steps start and become the watermark only when the run completes, so a failed run moves nothing.
 */
@Component
public class LoadWatermarks implements JobExecutionListener {

    private final JdbcTemplate jdbc;

    public LoadWatermarks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> lastLoadedRun(String source, String entity) {
        List<String> runs = jdbc.queryForList("select run_id from ops.load_watermark where source = ? and entity = ?",
                String.class, source, entity);
        return runs.stream().findFirst();
    }

    public void pending(String runId, String source, String entity) {
        jdbc.update("""
                insert into ops.load_watermark_pending (run_id, source, entity) values (?, ?, ?)
                on conflict do nothing
                """, runId, source, entity);
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        if (jobExecution.getStatus() == BatchStatus.COMPLETED) {
            advance(jobExecution.getJobParameters().getString(RunParameters.RUN_ID));
        }
    }

    /** A completed run becomes the watermark of every listing it transformed. */
    public int advance(String runId) {
        int advanced = jdbc.update("""
                insert into ops.load_watermark (source, entity, run_id)
                select source, entity, run_id from ops.load_watermark_pending where run_id = ?
                on conflict (source, entity) do update set run_id = excluded.run_id, advanced_at = now()
                """, runId);
        jdbc.update("delete from ops.load_watermark_pending where run_id = ?", runId);
        return advanced;
    }
}
