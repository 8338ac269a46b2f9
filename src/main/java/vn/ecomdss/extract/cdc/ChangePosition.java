package vn.ecomdss.extract.cdc;

import org.postgresql.replication.LogSequenceNumber;

/**
 * Where the capture stands in the change stream: every change of the transactions committed before
 * {@code commitLsn} and the first {@code changes} changes of the one committed at {@code commitLsn} have been
 * handled. Transactions arrive in commit order, so positions are ordered by commit LSN, then by change; a
 * replication stream started at {@code commitLsn} sends that transaction again from its first change.
 */
record ChangePosition(long commitLsn, long changes) implements Comparable<ChangePosition> {

    /** Before the first change the slot holds. */
    static final ChangePosition START = new ChangePosition(0, 0);

    /** Parses {@link #toString()}'s {@code 0/16B3748#3}; null or blank is {@link #START}. */
    static ChangePosition parse(String text) {
        if (text == null || text.isBlank()) {
            return START;
        }
        int hash = text.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("not a change position (LSN#changes): '" + text + "'");
        }
        return new ChangePosition(LogSequenceNumber.valueOf(text.substring(0, hash)).asLong(),
                Long.parseLong(text.substring(hash + 1)));
    }

    /** Whether the {@code change}-th change (from 1) of the transaction committed at {@code lsn} comes after this. */
    boolean isBefore(long lsn, long change) {
        return Long.compareUnsigned(commitLsn, lsn) < 0 || commitLsn == lsn && changes < change;
    }

    @Override
    public int compareTo(ChangePosition other) {
        int byCommit = Long.compareUnsigned(commitLsn, other.commitLsn);
        return byCommit != 0 ? byCommit : Long.compare(changes, other.changes);
    }

    @Override
    public String toString() {
        return LogSequenceNumber.valueOf(commitLsn).asString() + "#" + changes;
    }
}
