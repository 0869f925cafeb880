-- One row per report. The identity key decides uniqueness; ReplacingMergeTree collapsing equal keys on merge is a
-- backstop, the writer guarantees one row (see docs/schema.md). No session totals here: summing a report's
-- sts and tlsa policies would count Microsoft's sessions twice; counts live per policy in policy_results.
CREATE TABLE IF NOT EXISTS reports${LOCAL} ${ON_CLUSTER}
(
    key                  FixedString(32),
    organization         LowCardinality(String),
    report_id            String,
    start_datetime       DateTime('UTC'),
    end_datetime         DateTime('UTC'),
    day                  Date,
    contact_info         Nullable(String),
    channel              LowCardinality(String),
    received_at          DateTime64(3, 'UTC'),
    origin               Nullable(String),
    location             String,
    dkim                 LowCardinality(String),
    dkim_domain          Nullable(String),
    dkim_aligned         Bool,
    finding_codes        Array(LowCardinality(String)),
    findings             String CODEC(ZSTD(3)),
    envelope_report_domain Nullable(String),
    envelope_submitter   Nullable(String),
    envelope_message_id  Nullable(String),
    envelope_from        Nullable(String),
    envelope_file_name   Nullable(String),
    policy_domains       Array(LowCardinality(String)),
    raw_sha256           FixedString(64),
    kafka_partition      UInt32,
    kafka_offset         UInt64,
    INDEX key_bloom key TYPE bloom_filter GRANULARITY 4
)
ENGINE = ${ENGINE:ReplacingMergeTree}
PARTITION BY toYYYYMM(day)
ORDER BY (day, organization, key)
TTL day + INTERVAL ${RETENTION_DAYS} DAY
SETTINGS ${DEDUP_WINDOW};

${DISTRIBUTED reports cityHash64(key)};
