-- The bytes as received, once per SHA-256 (one mail may carry several reports; two channels may carry the same bytes).
CREATE TABLE IF NOT EXISTS raw_reports${LOCAL} ${ON_CLUSTER}
(
    sha256       FixedString(64),
    bytes        String CODEC(ZSTD(3)),
    media_type   LowCardinality(String),
    received_at  DateTime64(3, 'UTC')
)
ENGINE = ${ENGINE:ReplacingMergeTree}
PARTITION BY toYYYYMM(received_at)
ORDER BY sha256
TTL toDate(received_at) + INTERVAL ${RAW_RETENTION_DAYS} DAY
SETTINGS ${DEDUP_WINDOW};

${DISTRIBUTED raw_reports cityHash64(sha256)};
