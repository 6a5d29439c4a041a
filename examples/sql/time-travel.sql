-- Time travel: the Floe stream sql-orders (written by datagen-orders.sql) from a point in time,
-- SINCE_MILLIS (milliseconds since the epoch), up to the latest offset committed when the query
-- starts; then the query ends. Older records are read from the segment objects and the Parquet
-- files tiering made of them, whichever holds them now. The last two minutes' orders:
--
--   SINCE_MILLIS=$(( $(date +%s%3N) - 120000 )) scripts/local-stack.sh sql -f examples/sql/time-travel.sql

CREATE TABLE orders (
  order_id BIGINT,
  customer_id INT,
  amount DECIMAL(10, 2),
  currency STRING,
  order_time TIMESTAMP_LTZ(3)
) WITH (
  'connector' = 'floe',
  'stream' = 'sql-orders',
  's3.endpoint' = '${FLOE_S3_ENDPOINT}',
  's3.bucket' = '${FLOE_S3_BUCKET}',
  's3.parquet-bucket' = '${FLOE_S3_PARQUET_BUCKET}',
  's3.access-key' = '${FLOE_S3_ACCESS_KEY}',
  's3.secret-key' = '${FLOE_S3_SECRET_KEY}',
  'etcd.endpoints' = '${FLOE_ETCD_ENDPOINTS}',
  'value.format' = 'json',
  'scan.startup.mode' = 'timestamp',
  'scan.startup.timestamp-millis' = '${SINCE_MILLIS}',
  'scan.bounded.mode' = 'latest-offset'
);

-- A bounded read: batch mode prints each total once.
SET 'execution.runtime-mode' = 'batch';

SELECT
  currency,
  COUNT(*) AS orders,
  SUM(amount) AS amount,
  MIN(order_time) AS first_order,
  MAX(order_time) AS last_order
FROM orders
GROUP BY currency;
