package vn.ecomdss.pipeline;

/**
 * Where a stage raises an {@link Alert}; the notify stage delivers it on the channels the job's definition declares
 * ({@code alerts:}), de-duplicated by key within the quiet period.
 */
public interface AlertSink {

    void raise(Alert alert);
}
