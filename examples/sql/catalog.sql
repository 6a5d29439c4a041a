-- The Floe catalog: its databases are Floe's namespaces and its tables are streams, with the
-- columns of the stream's Avro schema and Floe's metadata columns. CREATE TABLE creates a stream,
-- ALTER TABLE ... SET ('partitions' = ...) grows it, DROP TABLE deletes it. This script creates a
-- table, writes 100,000 rows from datagen into it, grows it and reads it back, then ends:
--
--   scripts/local-stack.sh sql -f examples/sql/catalog.sql
--
-- For an interactive session with the catalog, put the CREATE CATALOG and USE CATALOG statements
-- in a file of their own and open the client with it: scripts/local-stack.sh sql -i FILE

CREATE CATALOG floe WITH (
  'type' = 'floe',
  's3.endpoint' = '${FLOE_S3_ENDPOINT}',
  's3.bucket' = '${FLOE_S3_BUCKET}',
  's3.parquet-bucket' = '${FLOE_S3_PARQUET_BUCKET}',
  's3.access-key' = '${FLOE_S3_ACCESS_KEY}',
  's3.secret-key' = '${FLOE_S3_SECRET_KEY}',
  'etcd.endpoints' = '${FLOE_ETCD_ENDPOINTS}'
);
USE CATALOG floe;
SHOW DATABASES;

-- So that the script can run again.
DROP TABLE IF EXISTS catalog_events;
CREATE TABLE catalog_events (
  id BIGINT,
  kind STRING,
  score DOUBLE
) WITH (
  'partitions' = '4'
);
SHOW TABLES;
DESCRIBE catalog_events;

-- Temporary tables live in the session, whichever catalog is in use.
CREATE TEMPORARY TABLE generated_events (
  id BIGINT,
  kind STRING,
  score DOUBLE
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '100000',
  'rows-per-second' = '100000',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '1',
  'fields.id.end' = '100000',
  'fields.kind.length' = '6'
);

SET 'execution.checkpointing.interval' = '2s';
-- Wait for the INSERT to end before going on.
SET 'table.dml-sync' = 'true';
-- The value columns only: the record timestamp and headers, writable metadata columns, stay unset.
INSERT INTO catalog_events (id, kind, score) SELECT id, kind, score FROM generated_events;

ALTER TABLE catalog_events SET ('partitions' = '8');

SET 'execution.runtime-mode' = 'batch';
SELECT
  COUNT(*) AS row_count,
  COUNT(DISTINCT id) AS distinct_ids,
  MIN(id) AS min_id,
  MAX(id) AS max_id
FROM catalog_events /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */;
