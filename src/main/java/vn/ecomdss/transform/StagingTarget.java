package vn.ecomdss.transform;

import java.util.List;

import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * One staging table a {@code type: transform} step fills: the step's {@code target:} name, which source entities
 * feed it, how one of their records becomes rows and how a chunk of rows is written.
 *
 * @param <T> the staged row
 */
public interface StagingTarget<T> {

    /** The value of the step's {@code target:} that selects this table. */
    String name();

    /** The staging table; a completed run's rows are deleted from it. */
    String table();

    /** Whether records of this source entity are transformed into this table. */
    boolean reads(EntityDefinition entity);

    /** A transformation for one step; transformers cache their lookups for the single thread of that step. */
    Transformation<T> transformation();

    /** Writes a chunk's rows in the chunk's transaction, as one set-based statement. */
    void write(List<? extends T> rows);

    /** Turns one raw record into its rows, or refuses it with a {@link TransformException} naming record and field. */
    @FunctionalInterface
    interface Transformation<T> {

        List<T> transform(LakeRecord record, EntityDefinition entity, SourceDefinition source, RunParameters run);
    }
}
