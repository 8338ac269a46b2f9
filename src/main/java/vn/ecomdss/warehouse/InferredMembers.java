package vn.ecomdss.warehouse;

/**
 * The statement that gives a fact's unknown customer or product an inferred member: one current row per key a run
 * staged that the dimension has never seen, valid from 1900-01-01 and flagged {@code is_inferred}, which the real
 * record later completes in place ({@link Scd2Merge}). Parameters: the run id to record, the run id staged.
 *
 * <p>Several fact loads infer members at the same time on separate connections ({@link LoadLanes}); keys are
 * inserted in key order and a key another load inserted meanwhile is skipped, so they neither collide nor
 * deadlock.
 */
final class InferredMembers {

    private InferredMembers() {
    }

    /**
     * @param dimension    the dimension, keyed by {@code source} and one id column
     * @param stagingTable the staging table of the facts
     * @param sourceColumn its column holding the dimension's source
     * @param idColumn     its column holding the dimension's id
     */
    static String insert(Scd2Spec dimension, String stagingTable, String sourceColumn, String idColumn) {
        return """
                insert into %1$s (source, %2$s, row_hash, valid_from, is_current, is_inferred, envelope_id, run_id)
                select s.%4$s, s.%5$s, 'inferred', timestamptz '1900-01-01 00:00:00+00', true, true,
                       min(s.envelope_id), ?
                from %3$s s
                where s.run_id = ? and s.%5$s is not null
                  and not exists (select 1 from %1$s d where d.source = s.%4$s and d.%2$s = s.%5$s)
                group by s.%4$s, s.%5$s
                order by s.%4$s, s.%5$s
                on conflict do nothing
                """.formatted(dimension.table(), dimension.businessKey().get(1), stagingTable, sourceColumn, idColumn);
    }
}
