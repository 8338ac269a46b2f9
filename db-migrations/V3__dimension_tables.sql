-- Calendar, 2000-2040. Lunar and holiday attributes are added by later migrations.
create table dw.dim_date (
    date_key     integer primary key,
    full_date    date    not null unique,
    year         smallint not null,
    quarter      smallint not null,
    month        smallint not null,
    day          smallint not null,
    day_of_week  smallint not null,
    iso_week     smallint not null,
    month_name   text    not null,
    is_weekend   boolean not null,
    is_double_day_festival boolean not null
);

insert into dw.dim_date
select to_char(d, 'YYYYMMDD')::integer,
       d::date,
       extract(year from d),
       extract(quarter from d),
       extract(month from d),
       extract(day from d),
       extract(isodow from d),
       extract(week from d),
       trim(to_char(d, 'Month')),
       extract(isodow from d) in (6, 7),
       extract(month from d) in (9, 10, 11, 12) and extract(month from d) = extract(day from d)
from generate_series(date '2000-01-01', date '2040-12-31', interval '1 day') as d;

-- Provinces; key 0 is the member for places that could not be resolved.
create table dw.dim_geography (
    geography_key      integer primary key,
    province_code      text unique,
    province_name      text not null,
    province_ascii     text not null,
    region             text not null,
    province_2025_code text,
    province_2025_name text
);
insert into dw.dim_geography (geography_key, province_code, province_name, province_ascii, region)
values (0, null, 'Không xác định', 'Unknown', 'Unknown');

-- Platforms, versioned because commission rates change over time.
create table dw.dim_platform (
    platform_key    serial primary key,
    platform_code   text not null,
    platform_name   text not null,
    platform_type   text not null,
    commission_rate numeric(6, 4),
    valid_from      timestamptz not null default '1900-01-01',
    valid_to        timestamptz not null default '9999-12-31',
    is_current      boolean not null default true
);
create unique index dim_platform_current on dw.dim_platform (platform_code) where is_current;

insert into dw.dim_platform (platform_code, platform_name, platform_type, commission_rate) values
    ('vnmarket',   'vnmarket simulator', 'simulator',   0.0000),
    ('shopee',     'Shopee',             'marketplace', 0.0900),
    ('lazada',     'Lazada',             'marketplace', 0.0800),
    ('tiki',       'Tiki',               'marketplace', 0.0750),
    ('sendo',      'Sendo',              'marketplace', 0.0600),
    ('tiktokshop', 'TikTok Shop',        'marketplace', 0.0700),
    ('fptshop',    'FPT Shop',           'retailer',    0.0000),
    ('chotot',     'Chợ Tốt',            'classifieds', 0.0000),
    ('dummyjson',  'DummyJSON',          'api',         0.0000),
    ('fakestore',  'FakeStore',          'api',         0.0000),
    ('platzi',     'Platzi Fake Store',  'api',         0.0000),
    ('unknown',    'Unknown platform',   'unknown',     null);

-- Customers and products are SCD type 2: a change to a tracked attribute closes the current version at the new
-- version's valid_from. Intervals are half-open [valid_from, valid_to).
create table dw.dim_customer (
    customer_key     bigserial primary key,
    source           text        not null,
    customer_id      text        not null,
    full_name        text,
    email            text,
    city             text,
    customer_segment text,
    income_level     text,
    province_code    text,
    region           text,
    phone_raw        text,
    phone_e164       text,
    phone_carrier    text,
    gender           text,
    birth_year       smallint,
    row_hash         text        not null,
    valid_from       timestamptz not null,
    valid_to         timestamptz not null default '9999-12-31',
    is_current       boolean     not null,
    is_inferred      boolean     not null default false,
    run_id           text        not null,
    updated_at       timestamptz not null default now(),
    check (valid_from < valid_to)
);
create unique index dim_customer_current on dw.dim_customer (source, customer_id) where is_current;
create unique index dim_customer_version on dw.dim_customer (source, customer_id, valid_from);

create table dw.dim_product (
    product_key         bigserial primary key,
    source              text        not null,
    product_id          text        not null,
    title               text,
    category            text,
    brand               text,
    price               numeric(18, 2),
    availability_status text,
    currency            char(3),
    original_price      numeric(18, 2),
    stock               integer,
    rating              numeric(4, 2),
    sku                 text,
    description         text,
    row_hash            text        not null,
    valid_from          timestamptz not null,
    valid_to            timestamptz not null default '9999-12-31',
    is_current          boolean     not null,
    is_inferred         boolean     not null default false,
    run_id              text        not null,
    updated_at          timestamptz not null default now(),
    check (valid_from < valid_to)
);
create unique index dim_product_current on dw.dim_product (source, product_id) where is_current;
create unique index dim_product_version on dw.dim_product (source, product_id, valid_from);
