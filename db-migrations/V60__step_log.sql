-- Each step execution's own log lines, captured while it ran and kept with the run, so that the dashboard and
-- GET /api/v1/executions/{id}/steps/{step}/log show what one step said without searching the application log.
create table ops.step_log (
    step_execution_id bigint      not null,
    job_execution_id  bigint      not null,
    step_name         text        not null,
    seq               integer     not null,
    at                timestamptz not null,
    level             text        not null,
    logger            text        not null,
    message           text        not null,
    primary key (step_execution_id, seq)
);

create index step_log_by_execution on ops.step_log (job_execution_id, step_name);
