-- Refunds are booked as negative amounts: this test is meant to warn (with failures), not fail.
{{ config(severity='warn') }}

select order_id, amount
from {{ ref('stg_orders') }}
where amount < 0
