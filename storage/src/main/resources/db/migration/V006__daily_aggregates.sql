-- Daily aggregates for the API: per domain and day, kept apart by policy type and reporting organisation.
-- SummingMergeTree adds rows with equal keys on merge; queries still use sum() (merges are eventual).
CREATE TABLE IF NOT EXISTS daily_policy${LOCAL} ${ON_CLUSTER}
(
    policy_domain  LowCardinality(String),
    day            Date,
    policy_type    LowCardinality(String),
    organization   LowCardinality(String),
    reports        UInt64,
    successful     UInt64,
    failed         UInt64
)
ENGINE = ${ENGINE:SummingMergeTree}
PARTITION BY toYYYYMM(day)
ORDER BY (policy_domain, day, policy_type, organization)
TTL day + INTERVAL ${RETENTION_DAYS} DAY
SETTINGS ${DEDUP_WINDOW};

CREATE MATERIALIZED VIEW IF NOT EXISTS daily_policy_mv${LOCAL} ${ON_CLUSTER} TO daily_policy${LOCAL} AS
SELECT policy_domain, day, policy_type, organization,
       count() AS reports, sum(successful) AS successful, sum(failed) AS failed
FROM policy_results${LOCAL}
GROUP BY policy_domain, day, policy_type, organization;

${DISTRIBUTED daily_policy cityHash64(policy_domain)};

CREATE TABLE IF NOT EXISTS daily_failures${LOCAL} ${ON_CLUSTER}
(
    policy_domain          LowCardinality(String),
    day                    Date,
    policy_type            LowCardinality(String),
    result_type            LowCardinality(String),
    receiving_mx_hostname  LowCardinality(String),
    sending_mta_ip         String,
    details                UInt64,
    failed_sessions        UInt64
)
ENGINE = ${ENGINE:SummingMergeTree}
PARTITION BY toYYYYMM(day)
ORDER BY (policy_domain, day, policy_type, result_type, receiving_mx_hostname, sending_mta_ip)
TTL day + INTERVAL ${RETENTION_DAYS} DAY
SETTINGS ${DEDUP_WINDOW};

CREATE MATERIALIZED VIEW IF NOT EXISTS daily_failures_mv${LOCAL} ${ON_CLUSTER} TO daily_failures${LOCAL} AS
SELECT policy_domain, day, policy_type, result_type, receiving_mx_hostname, sending_mta_ip,
       count() AS details, sum(failed_sessions) AS failed_sessions
FROM failure_details${LOCAL}
GROUP BY policy_domain, day, policy_type, result_type, receiving_mx_hostname, sending_mta_ip;

${DISTRIBUTED daily_failures cityHash64(policy_domain)};
