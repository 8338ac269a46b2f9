package vn.ecomdss.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs independent pieces of a warehouse load side by side, each on its own connection in its own transaction,
 * so a load uses every core PostgreSQL has instead of one ({@code INSERT ... SELECT} never runs in parallel inside
 * PostgreSQL). Only loads that are idempotent use it: a piece that fails leaves the others committed, and the
 * restarted step repeats them without changing anything.
 *
 * <p>{@code dss.warehouse.load-lanes} (default: the number of processors, at most 4) bounds how many pieces run
 * at once; 1 runs them one after the other.
 */
@Component
public class LoadLanes implements AutoCloseable {

    private final TransactionTemplate transactions;
    private final ExecutorService executor;
    private final int lanes;

    public LoadLanes(PlatformTransactionManager transactionManager,
                     @Value("${dss.warehouse.load-lanes:0}") int configuredLanes) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.lanes = configuredLanes > 0 ? configuredLanes
                : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(lanes, task -> {
            Thread thread = new Thread(task, "load-lane-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public int lanes() {
        return lanes;
    }

    /** Runs one piece in a transaction of its own on the calling thread. */
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    /**
     * Runs every piece in a transaction of its own, at most {@link #lanes()} at a time, and returns their results
     * in order once all have finished. The first failure is rethrown with the others attached as suppressed.
     */
    public <T> List<T> all(List<Supplier<T>> pieces) {
        if (pieces.size() == 1 || lanes == 1) {
            return pieces.stream().map(this::inTransaction).toList();
        }
        List<Future<T>> running = new ArrayList<>();
        for (Supplier<T> piece : pieces) {
            running.add(executor.submit(() -> inTransaction(piece)));
        }
        List<T> results = new ArrayList<>();
        RuntimeException[] failure = {null};
        for (Future<T> future : running) {
            results.add(await(future, failure));
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return results;
    }

    /**
     * Runs {@code alongside} on a thread of its own, in a transaction of its own, while {@code here} runs on the
     * calling thread (so {@code here} may use the lanes itself); returns both results once both have finished.
     */
    public <A, B> Pair<A, B> both(Supplier<A> here, Supplier<B> alongside) {
        java.util.concurrent.CompletableFuture<B> other = new java.util.concurrent.CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                other.complete(inTransaction(alongside));
            } catch (Throwable e) {
                other.completeExceptionally(e);
            }
        }, "load-alongside");
        thread.setDaemon(true);
        thread.start();
        A first = null;
        RuntimeException[] failure = {null};
        try {
            first = here.get();
        } catch (RuntimeException e) {
            failure[0] = e;
        }
        B second = await(other, failure);
        if (failure[0] != null) {
            throw failure[0];
        }
        return new Pair<>(first, second);
    }

    /** The results of {@link #both}. */
    public record Pair<A, B>(A here, B alongside) {
    }

    /** The piece's result, or null with its failure added to {@code failure[0]} (the first one, others suppressed). */
    private static <T> T await(Future<T> piece, RuntimeException[] failure) {
        try {
            return piece.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure[0] = attach(failure[0], new IllegalStateException("interrupted while waiting for a load", e));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            failure[0] = attach(failure[0], cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(cause.getMessage(), cause));
        }
        return null;
    }

    private static RuntimeException attach(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
