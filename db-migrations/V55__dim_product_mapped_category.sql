-- Each product keeps the category its source wrote and gains the category of the Vietnamese tree that
-- job-definitions/reference/categories.yml maps it to; both are null-able, since an unmapped category is kept and reported.
alter table staging.product
    add column mapped_category_code text,
    add column mapped_category_name text;
alter table dw.dim_product
    add column mapped_category_code text,
    add column mapped_category_name text;
