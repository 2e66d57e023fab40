select
    c.customer_id,
    c.customer_name,
    c.country_code,
    k.country_name,
    coalesce(k.region, 'UNKNOWN') as region
from {{ ref('stg_customers') }} as c
left join {{ ref('stg_countries') }} as k
    on k.country_code = c.country_code
