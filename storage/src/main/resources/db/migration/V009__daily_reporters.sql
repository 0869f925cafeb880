-- Per domain, day and reporting organisation: how many distinct reports arrived and when the last one did. Fed from
-- reports (one row per report identity: the writer skips duplicates), so a report counts once however often it
-- was delivered, and a Microsoft report with sts and tlsa policies counts as one report. Serves /api/v1/reporters
-- (silentSince) and lastReportAt of /api/v1/domains. Counts start when this view is created: reports stored
-- before V009 are not back-filled (no release held data before it).
CREATE TABLE IF NOT EXISTS daily_reporters${LOCAL} ${ON_CLUSTER}
(
    policy_domain     LowCardinality(String),
    day               Date,
    organization      LowCardinality(String),
    reports           SimpleAggregateFunction(sum, UInt64),
    last_received_at  SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = ${ENGINE:AggregatingMergeTree}
PARTITION BY toYYYYMM(day)
ORDER BY (policy_domain, day, organization)
TTL day + INTERVAL ${RETENTION_DAYS} DAY
SETTINGS ${DEDUP_WINDOW};

CREATE MATERIALIZED VIEW IF NOT EXISTS daily_reporters_mv${LOCAL} ${ON_CLUSTER} TO daily_reporters${LOCAL} AS
SELECT policy_domain, day, organization, count() AS reports, max(received_at) AS last_received_at
FROM reports${LOCAL} ARRAY JOIN policy_domains AS policy_domain
GROUP BY policy_domain, day, organization;

${DISTRIBUTED daily_reporters cityHash64(policy_domain)};

-- The raw download must know every report that shares a raw input (one mail can carry reports for several
-- domains) before it hands the bytes to a token scoped to some of them.
ALTER TABLE reports${LOCAL} ${ON_CLUSTER} ADD INDEX IF NOT EXISTS raw_sha256_bloom raw_sha256 TYPE bloom_filter GRANULARITY 4;
