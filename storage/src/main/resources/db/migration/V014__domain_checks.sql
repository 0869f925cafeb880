-- The history of live checks (docs/diagnosis.md): one row per result of one check of a policy domain, in the order
-- the checker found them. A check is the rows sharing check_id. Written by the scheduled checks and by
-- POST /api/v1/domains/{d}/checks; read by /checks, /diagnosis, the certificate-expiring and check-failing alert
-- rules and the dashboard's "Now" panel. facts are the measured values by name, as two parallel arrays.
CREATE TABLE IF NOT EXISTS domain_checks${LOCAL} ${ON_CLUSTER}
(
    policy_domain  LowCardinality(String),
    checked_at     DateTime64(3, 'UTC'),
    check_id       String,
    position       UInt16,
    trigger        LowCardinality(String),
    check_name     LowCardinality(String),
    target         String,
    result_type    LowCardinality(String),
    detail         String,
    fact_names     Array(String),
    fact_values    Array(String)
)
ENGINE = ${ENGINE:MergeTree}
PARTITION BY toYYYYMM(checked_at)
ORDER BY (policy_domain, checked_at, check_id, position)
TTL toDateTime(checked_at) + INTERVAL ${RETENTION_DAYS} DAY;

${DISTRIBUTED domain_checks cityHash64(policy_domain)};
