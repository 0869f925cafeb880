-- The daily aggregates by year instead of by month. Every API query reads a range of days of one or a few domains,
-- and its cost was mostly per part read, not per row: a year touched at least 13 monthly partitions (measured over
-- 10 M reports: a tenant's 20 domains in daily_policy 43 - 50 ms by month, 12 ms by year; one domain's summary 18 - 29
-- ms, 9 ms; docs/benchmarks.md, "Headroom"). A partition key cannot be altered, so an aggregate that holds no row yet
-- (a new installation) is replaced by the same table partitioned by year; its view writes to whatever table has its
-- target's name, so nothing else changes. An aggregate that holds rows keeps its monthly partitions here: moving them
-- under live writers is not done by a start-up migration (docs/schema.md, "Partitions of the daily aggregates").
-- Expired days leave by TTL merges; by year, such a merge rewrites a year's part, so it runs once a day, not every 4 h.
${WHEN_EMPTY daily_policy} DROP TABLE IF EXISTS IF EMPTY daily_policy${LOCAL} ${ON_CLUSTER} ${SYNC};
CREATE TABLE IF NOT EXISTS daily_policy${LOCAL} ${ON_CLUSTER}
(
    policy_domain  LowCardinality(String),
    day            Date,
    policy_type    LowCardinality(String),
    organization   LowCardinality(String),
    reports        Int64,
    successful     Int64,
    failed         Int64
)
ENGINE = ${ENGINE:SummingMergeTree}
PARTITION BY toYear(day)
ORDER BY (policy_domain, day, policy_type, organization)
TTL day + INTERVAL ${RETENTION_DAYS} DAY
SETTINGS ${DEDUP_WINDOW}, merge_with_ttl_timeout = 86400;

${WHEN_EMPTY daily_failures} DROP TABLE IF EXISTS IF EMPTY daily_failures${LOCAL} ${ON_CLUSTER} ${SYNC};
CREATE TABLE IF NOT EXISTS daily_failures${LOCAL} ${ON_CLUSTER}
(
    policy_domain          LowCardinality(String),
    day                    Date,
    policy_type            LowCardinality(String),
    result_type            LowCardinality(String),
    receiving_mx_hostname  LowCardinality(String),
    sending_mta_ip         String,
    details                Int64,
    failed_sessions        Int64
)
ENGINE = ${ENGINE:SummingMergeTree}
PARTITION BY toYear(day)
ORDER BY (policy_domain, day, policy_type, result_type, receiving_mx_hostname, sending_mta_ip)
TTL day + INTERVAL ${RETENTION_DAYS} DAY
SETTINGS ${DEDUP_WINDOW}, merge_with_ttl_timeout = 86400;

${WHEN_EMPTY daily_reporters} DROP TABLE IF EXISTS IF EMPTY daily_reporters${LOCAL} ${ON_CLUSTER} ${SYNC};
CREATE TABLE IF NOT EXISTS daily_reporters${LOCAL} ${ON_CLUSTER}
(
    policy_domain     LowCardinality(String),
    day               Date,
    organization      LowCardinality(String),
    reports           SimpleAggregateFunction(sum, Int64),
    last_received_at  SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = ${ENGINE:AggregatingMergeTree}
PARTITION BY toYear(day)
ORDER BY (policy_domain, day, organization)
TTL day + INTERVAL ${RETENTION_DAYS} DAY
SETTINGS ${DEDUP_WINDOW}, merge_with_ttl_timeout = 86400;
