select
    region,
    count(*) as customers,
    sum(order_count) as orders,
    sum(total_amount) as revenue
from {{ ref('customer_summary') }}
group by region
