-- Creates the raw source table that models/staging/_sources.yml declares.
-- Run once before the first build:  psql -v ON_ERROR_STOP=1 -f setup/raw_orders.sql
create schema if not exists raw;
drop table if exists raw.orders;
create table raw.orders (
    id          integer primary key,
    customer_id integer not null,
    amount      numeric(10, 2) not null,
    status      text not null,
    ordered_at  date not null,
    loaded_at   timestamptz not null default now()
);
insert into raw.orders (id, customer_id, amount, status, ordered_at) values
    (101, 1,  40.00, 'shipped',   '2024-06-01'),
    (102, 1,  15.50, 'shipped',   '2024-06-03'),
    (103, 2,  99.90, 'shipped',   '2024-06-04'),
    (104, 3,  12.00, 'cancelled', '2024-06-05'),
    (105, 3,  27.30, 'pending',   '2024-06-07'),
    (106, 4,  -5.00, 'refund',    '2024-06-08'),
    (107, 5, 310.00, 'shipped',   '2024-06-10'),
    (108, 6,  18.75, 'pending',   '2024-06-11'),
    (109, 7,  64.20, 'shipped',   '2024-06-12'),
    (110, 2, -12.40, 'refund',    '2024-06-14');
