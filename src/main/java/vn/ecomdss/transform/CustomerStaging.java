package vn.ecomdss.transform;

import java.util.List;

import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.CopyWriter;
import vn.ecomdss.pipeline.EntityDefinition;

/** {@code target: customers}: the customer entities of every source, cleaned into {@code staging.customer}. */
@Component
public final class CustomerStaging implements StagingTarget<StagedCustomer> {

    private static final String COPY = """
            copy staging.customer (run_id, source, customer_id, full_name, email, city, city_raw, customer_segment,
                income_level, province_code, region, phone_raw, phone_e164, phone_carrier, gender, birth_year,
                changed_at, is_deleted, envelope_id) from stdin
            """;

    private final CopyWriter staging;

    public CustomerStaging(CopyWriter staging) {
        this.staging = staging;
    }

    @Override
    public String name() {
        return "customers";
    }

    @Override
    public String table() {
        return "staging.customer";
    }

    @Override
    public boolean reads(EntityDefinition entity) {
        return entity.target().equals("customer");
    }

    @Override
    public Transformation<StagedCustomer> transformation() {
        CustomerTransformer customers = new CustomerTransformer();
        return (record, entity, source, run) -> List.of(customers.transform(record, entity, run));
    }

    @Override
    public void write(List<? extends StagedCustomer> rows) {
        staging.copy(table(), COPY, rows, c -> new Object[] {c.runId(), c.source(), c.customerId(), c.fullName(),
                c.email(), c.city(), c.cityRaw(), c.customerSegment(), c.incomeLevel(), c.provinceCode(), c.region(),
                c.phoneRaw(), c.phoneE164(), c.phoneCarrier(), c.gender(), c.birthYear(), c.changedAt(), c.deleted(),
                c.envelopeId()});
    }
}
