select
    customer_id,
    count(*) as order_count,
    sum(amount) as total_amount,
    max(ordered_at) as last_ordered_at
from {{ ref('stg_orders') }}
where status <> 'cancelled'
group by customer_id
