package vn.ecomdss.extract;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What one extract step did, kept in its execution context (so a restart goes on counting) and logged when it
 * ends: pages fetched, records landed, retries, bytes, pages skipped for robots.txt, drifted pages, records
 * passed over as unchanged since the watermark, and the time spent across executions.
 */
final class ExtractionStats {

    final AtomicLong pages = new AtomicLong();
    final AtomicLong records = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong disallowed = new AtomicLong();
    final AtomicLong drifted = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong millis = new AtomicLong();

    void restore(ExecutionContext context) {
        pages.set(context.getLong("extract.pages", 0));
        records.set(context.getLong("extract.records", 0));
        retries.set(context.getLong("extract.retries", 0));
        bytes.set(context.getLong("extract.bytes", 0));
        disallowed.set(context.getLong("extract.disallowed", 0));
        drifted.set(context.getLong("extract.drifted", 0));
        unchanged.set(context.getLong("extract.unchanged", 0));
        millis.set(context.getLong("extract.millis", 0));
    }

    void saveTo(ExecutionContext context, Duration sinceStart) {
        context.putLong("extract.pages", pages.get());
        context.putLong("extract.records", records.get());
        context.putLong("extract.retries", retries.get());
        context.putLong("extract.bytes", bytes.get());
        context.putLong("extract.disallowed", disallowed.get());
        context.putLong("extract.drifted", drifted.get());
        context.putLong("extract.unchanged", unchanged.get());
        context.putLong("extract.millis", millis.get() + sinceStart.toMillis());
        double seconds = Math.max(millis.get() + sinceStart.toMillis(), 1) / 1000.0;
        context.putDouble("extract.records_per_second", records.get() / seconds);
    }

    String summary(Duration sinceStart) {
        double seconds = Math.max(millis.get() + sinceStart.toMillis(), 1) / 1000.0;
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
}
