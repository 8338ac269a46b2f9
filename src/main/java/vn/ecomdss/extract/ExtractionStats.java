package vn.ecomdss.extract;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * What one extract step did, kept in its execution context with each chunk (so a restart goes on counting) and
 * logged when it ends: pages fetched, records landed, retries, bytes, pages skipped for robots.txt, drifted pages,
 * records passed over as unchanged since the watermark, and the time spent across executions. The source's reader
 * reports into it as its {@link SourceProgress}.
 */
final class ExtractionStats implements SourceProgress, ItemStream {

    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong disallowed = new AtomicLong();
    private final AtomicLong drifted = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong millis = new AtomicLong();
    private volatile Instant started = Instant.now();
    private volatile String skipped;

    /** Goes on from what an earlier execution of the step counted, timing this one from now. */
    void restore(ExecutionContext context) {
        pages.set(context.getLong("extract.pages", 0));
        records.set(context.getLong("extract.records", 0));
        retries.set(context.getLong("extract.retries", 0));
        bytes.set(context.getLong("extract.bytes", 0));
        disallowed.set(context.getLong("extract.disallowed", 0));
        drifted.set(context.getLong("extract.drifted", 0));
        unchanged.set(context.getLong("extract.unchanged", 0));
        millis.set(context.getLong("extract.millis", 0));
        started = Instant.now();
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong("extract.pages", pages.get());
        context.putLong("extract.records", records.get());
        context.putLong("extract.retries", retries.get());
        context.putLong("extract.bytes", bytes.get());
        context.putLong("extract.disallowed", disallowed.get());
        context.putLong("extract.drifted", drifted.get());
        context.putLong("extract.unchanged", unchanged.get());
        context.putLong("extract.millis", millis.get() + sinceStart().toMillis());
        context.putDouble("extract.records_per_second", records.get() / seconds());
    }

    String summary() {
        if (skipped != null) {
            return "skipped: " + skipped;
        }
        double seconds = seconds();
        String text = String.format("%d pages, %d records, %d retries, %d bytes in %.1f s (%.0f records/s)",
                pages.get(), records.get(), retries.get(), bytes.get(), seconds, records.get() / seconds);
        if (unchanged.get() > 0) {
            text += String.format(", %d unchanged since the watermark", unchanged.get());
        }
        if (disallowed.get() > 0) {
            text += String.format(", %d pages disallowed by robots.txt", disallowed.get());
        }
        if (drifted.get() > 0) {
            text += String.format(", %d listing pages drifted (no item)", drifted.get());
        }
        return text;
    }

    /** Once an execution is reported: the next execution of the step decides afresh whether it skips. */
    void executionReported() {
        skipped = null;
    }

    void landed(long count) {
        records.addAndGet(count);
    }

    @Override
    public void page(long size) {
        pages.incrementAndGet();
        bytes.addAndGet(size);
    }

    @Override
    public void retry() {
        retries.incrementAndGet();
    }

    @Override
    public void unchanged() {
        unchanged.incrementAndGet();
    }

    @Override
    public void disallowed(URI url) {
        disallowed.incrementAndGet();
    }

    @Override
    public void skipped(String reason) {
        skipped = reason;
    }

    @Override
    public void drift(String entity, URI url, String selector) {
        drifted.incrementAndGet();
    }

    private Duration sinceStart() {
        return Duration.between(started, Instant.now());
    }

    private double seconds() {
        return Math.max(millis.get() + sinceStart().toMillis(), 1) / 1000.0;
    }
}
