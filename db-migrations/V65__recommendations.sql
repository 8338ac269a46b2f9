-- The recommendations model's output, a contract BI tools read: each customer's top products from the champion
-- (bought ones excluded) and each product's "frequently bought together" products. Each scoring replaces both.
create table ml.recommendation (
    source         text             not null,
    customer_id    text             not null,
    rank           integer          not null check (rank > 0),
    product_id     text             not null,
    score          double precision not null,
    model_version  integer          not null,
    origin_date    date             not null,
    run_id         text             not null,
    scored_at      timestamptz      not null default now(),
    primary key (source, customer_id, rank)
);

-- Products bought in the same orders: score is the cosine of the two products' orders, lift how much more often
-- they are bought together than apart would make them, orders_together the orders holding both.
create table ml.related_product (
    source              text             not null,
    product_id          text             not null,
    rank                integer          not null check (rank > 0),
    related_product_id  text             not null,
    score               double precision not null,
    lift                double precision not null,
    orders_together     integer          not null,
    model_version       integer          not null,
    run_id              text             not null,
    scored_at           timestamptz      not null default now(),
    primary key (source, product_id, rank)
);
