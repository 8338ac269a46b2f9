package vn.ecomdss.transform;

import java.util.List;

import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.CopyWriter;
import vn.ecomdss.pipeline.EntityDefinition;

/** {@code target: returns}: the return entities of every source, one row per return, into {@code staging.product_return}. */
@Component
public final class ReturnStaging implements StagingTarget<StagedReturn> {

    private static final String COPY = """
            copy staging.product_return (run_id, source, return_id, order_id, product_id, quantity, refund_amount,
                currency, reason, reason_text, status, returned_at, changed_at, envelope_id) from stdin
            """;

    private final CopyWriter staging;

    public ReturnStaging(CopyWriter staging) {
        this.staging = staging;
    }

    @Override
    public String name() {
        return "returns";
    }

    @Override
    public String table() {
        return "staging.product_return";
    }

    @Override
    public boolean reads(EntityDefinition entity) {
        return entity.target().equals("return");
    }

    @Override
    public Transformation<StagedReturn> transformation() {
        ReturnTransformer returns = new ReturnTransformer();
        return (record, entity, source, run) -> returns.transform(record, entity, source.currency(), run);
    }

    @Override
    public void write(List<? extends StagedReturn> rows) {
        staging.copy(table(), COPY, rows, r -> new Object[] {r.runId(), r.source(), r.returnId(), r.orderId(),
                r.productId(), r.quantity(), r.refundAmount(), r.currency(), r.reason(), r.reasonText(), r.status(),
                r.returnedAt(), r.changedAt(), r.envelopeId()});
    }
}
