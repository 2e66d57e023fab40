select
    g.customer_id,
    g.customer_name,
    g.country_name,
    g.region,
    coalesce(o.order_count, 0) as order_count,
    coalesce(o.total_amount, 0) as total_amount,
    o.last_ordered_at
from {{ ref('int_customers_geo') }} as g
left join {{ ref('int_customer_orders') }} as o
    on o.customer_id = g.customer_id
