package vn.ecomdss.extract;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/** What one extract step did, kept in its execution context and logged when it ends. */
final class ExtractionStats {

    final AtomicLong pages = new AtomicLong();
    final AtomicLong records = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    void restore(ExecutionContext context) {
        pages.set(context.getLong("extract.pages", 0));
        records.set(context.getLong("extract.records", 0));
        retries.set(context.getLong("extract.retries", 0));
        bytes.set(context.getLong("extract.bytes", 0));
    }

    void saveTo(ExecutionContext context) {
        context.putLong("extract.pages", pages.get());
        context.putLong("extract.records", records.get());
        context.putLong("extract.retries", retries.get());
        context.putLong("extract.bytes", bytes.get());
    }

    String summary(Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return String.format("%d pages, %d records, %d retries, %d bytes in %.1f s (%.0f records/s)",
                pages.get(), records.get(), retries.get(), bytes.get(), seconds, records.get() / seconds);
    }
}
