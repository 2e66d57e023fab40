{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='order_id',
    )
}}

select
    order_id,
    customer_id,
    amount,
    status,
    ordered_at,
    loaded_at
from {{ ref('stg_orders') }}
{% if is_incremental() %}
where loaded_at > (select max(loaded_at) from {{ this }})
{% endif %}
