-- Order totals per currency and minute, continuously: reads the Floe stream sql-orders (written
-- by datagen-orders.sql) from its earliest offset, so the history in the buckets first and then
-- the live tail, and writes each one-minute event-time window, once closed, to the stream
-- sql-orders-per-minute. It runs detached until cancelled:
--
--   scripts/local-stack.sh sql -f examples/sql/datagen-orders.sql     # if not running yet
--   scripts/local-stack.sh sql -f examples/sql/orders-per-minute.sql
--
-- To watch the totals, open the client (scripts/local-stack.sh sql), create orders_per_minute as
-- below (with the endpoints written in) and run SELECT * FROM orders_per_minute;

SET 'pipeline.name' = 'Floe orders per minute';
SET 'execution.checkpointing.interval' = '10s';

CREATE TABLE orders (
  order_id BIGINT,
  customer_id INT,
  amount DECIMAL(10, 2),
  currency STRING,
  order_time TIMESTAMP_LTZ(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
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
  'scan.startup.mode' = 'earliest-offset'
);

CREATE TABLE orders_per_minute (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  currency STRING,
  orders BIGINT,
  amount DECIMAL(38, 2)
) WITH (
  'connector' = 'floe',
  'stream' = 'sql-orders-per-minute',
  'partitions' = '1',
  's3.endpoint' = '${FLOE_S3_ENDPOINT}',
  's3.bucket' = '${FLOE_S3_BUCKET}',
  's3.parquet-bucket' = '${FLOE_S3_PARQUET_BUCKET}',
  's3.access-key' = '${FLOE_S3_ACCESS_KEY}',
  's3.secret-key' = '${FLOE_S3_SECRET_KEY}',
  'etcd.endpoints' = '${FLOE_ETCD_ENDPOINTS}',
  'value.format' = 'json',
  'floe.sink.wal.directory' = '${FLOE_WAL_DIR}'
);

INSERT INTO orders_per_minute
SELECT window_start, window_end, currency, COUNT(*), SUM(amount)
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, currency;
