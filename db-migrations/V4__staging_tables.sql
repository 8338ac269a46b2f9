-- What the transform steps produce for one run; the load steps read them by run_id.
create table staging.customer (
    run_id           text not null,
    source           text not null,
    customer_id      text not null,
    full_name        text,
    email            text,
    city             text,
    city_raw         text,
    customer_segment text,
    income_level     text,
    province_code    text,
    region           text,
    phone_raw        text,
    phone_e164       text,
    phone_carrier    text,
    gender           text,
    birth_year       smallint,
    changed_at       timestamptz,
    envelope_id      text not null,
    primary key (run_id, source, customer_id)
);

create table staging.product (
    run_id              text not null,
    source              text not null,
    product_id          text not null,
    title               text,
    category            text,
    brand               text,
    price               numeric(18, 2),
    availability_status text,
    currency            char(3) not null,
    original_price      numeric(18, 2),
    stock               integer,
    rating              numeric(4, 2),
    sku                 text,
    description         text,
    changed_at          timestamptz,
    envelope_id         text not null,
    primary key (run_id, source, product_id)
);

create table staging.sales_line (
    run_id          text not null,
    source          text not null,
    order_id        text not null,
    line_number     integer not null,
    customer_id     text,
    product_id      text not null,
    order_ts        timestamptz not null,
    platform        text not null,
    payment_method  text,
    order_status    text,
    shipping_city   text,
    quantity        integer not null,
    unit_price      numeric(18, 2) not null,
    discount_amount numeric(18, 2) not null default 0,
    currency        char(3) not null,
    envelope_id     text not null,
    primary key (run_id, source, order_id, line_number)
);
