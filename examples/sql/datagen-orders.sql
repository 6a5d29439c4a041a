-- Orders from Flink's datagen connector into the Floe stream sql-orders, 200 a second, until the
-- job is cancelled (it runs detached; cancel it in the web UI). On the local stack:
--
--   scripts/local-stack.sh sql -f examples/sql/datagen-orders.sql
--
-- local-stack.sh fills in each ${FLOE_...} from the stack's endpoints file; elsewhere, write your
-- endpoints in their place, or leave the connection options out to use the embedded defaults.

SET 'pipeline.name' = 'datagen orders into Floe';
-- Floe's sink commits what a checkpoint covers.
SET 'execution.checkpointing.interval' = '5s';

CREATE TEMPORARY TABLE generated_orders (
  order_id BIGINT,
  customer_id INT,
  amount DECIMAL(10, 2),
  currency_index INT
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '200',
  'fields.order_id.min' = '1',
  'fields.customer_id.min' = '1',
  'fields.customer_id.max' = '1000',
  'fields.amount.min' = '1',
  'fields.amount.max' = '500',
  'fields.currency_index.min' = '0',
  'fields.currency_index.max' = '3'
);

CREATE TABLE orders (
  order_id BIGINT,
  customer_id INT,
  amount DECIMAL(10, 2),
  currency STRING,
  order_time TIMESTAMP_LTZ(3)
) WITH (
  'connector' = 'floe',
  'stream' = 'sql-orders',
  'partitions' = '4',
  's3.endpoint' = '${FLOE_S3_ENDPOINT}',
  's3.bucket' = '${FLOE_S3_BUCKET}',
  's3.parquet-bucket' = '${FLOE_S3_PARQUET_BUCKET}',
  's3.access-key' = '${FLOE_S3_ACCESS_KEY}',
  's3.secret-key' = '${FLOE_S3_SECRET_KEY}',
  'etcd.endpoints' = '${FLOE_ETCD_ENDPOINTS}',
  'value.format' = 'json',
  -- Any other floe.* option passes through to the sink: here, where its write-ahead logs go.
  'floe.sink.wal.directory' = '${FLOE_WAL_DIR}'
);

INSERT INTO orders
SELECT
  order_id,
  customer_id,
  amount,
  CASE currency_index WHEN 0 THEN 'EUR' WHEN 1 THEN 'USD' WHEN 2 THEN 'GBP' ELSE 'JPY' END,
  CURRENT_ROW_TIMESTAMP()
FROM generated_orders;
