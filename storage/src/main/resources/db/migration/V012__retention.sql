-- The retention in force when this migration runs (tlsrpt.clickhouse.retention-days, default 800 since V012, up from
-- 400 days, so that a year can be compared with the one before). A report dated before it would be dropped by the TTL
-- at insert; the processor sends it to quarantine instead (outside-retention), using the same setting. A later
-- change of the setting needs the same statements again (docs/schema.md, "Retention").
ALTER TABLE reports${LOCAL} ${ON_CLUSTER} MODIFY TTL day + INTERVAL ${RETENTION_DAYS} DAY;
ALTER TABLE policy_results${LOCAL} ${ON_CLUSTER} MODIFY TTL day + INTERVAL ${RETENTION_DAYS} DAY;
ALTER TABLE failure_details${LOCAL} ${ON_CLUSTER} MODIFY TTL day + INTERVAL ${RETENTION_DAYS} DAY;
ALTER TABLE daily_policy${LOCAL} ${ON_CLUSTER} MODIFY TTL day + INTERVAL ${RETENTION_DAYS} DAY;
ALTER TABLE daily_failures${LOCAL} ${ON_CLUSTER} MODIFY TTL day + INTERVAL ${RETENTION_DAYS} DAY;
ALTER TABLE daily_reporters${LOCAL} ${ON_CLUSTER} MODIFY TTL day + INTERVAL ${RETENTION_DAYS} DAY;
