select
    id as customer_id,
    name as customer_name,
    country_code,
    cast(signup_date as date) as signed_up_on
from {{ ref('customers') }}
