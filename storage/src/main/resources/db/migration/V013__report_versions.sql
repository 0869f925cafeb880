-- Versions of one report identity (docs/adr/0006-report-versions.md). Every distinct content of an identity is kept:
-- version is its ordinal within the identity (0 for the first, and for every row stored before V013). sign says
-- whether a row counts: +1 counted, 0 kept but not counted, -1 a retraction that cancels the counted rows of a
-- version displaced by a preferred one (DKIM-aligned mail over unauthenticated channels). retraction is in the
-- sorting key so that a version's counted row and its retraction never collapse into one on merge; sign is not (a
-- sorting key column cannot have a default, and rows stored before V013 count: DEFAULT 1).
ALTER TABLE reports${LOCAL} ${ON_CLUSTER}
    ADD COLUMN IF NOT EXISTS version UInt16,
    ADD COLUMN IF NOT EXISTS retraction Bool,
    MODIFY ORDER BY (day, organization, key, version, retraction);
ALTER TABLE reports${LOCAL} ${ON_CLUSTER}
    ADD COLUMN IF NOT EXISTS sign Int8 DEFAULT 1,
    ADD COLUMN IF NOT EXISTS content_sha256 FixedString(64);

ALTER TABLE policy_results${LOCAL} ${ON_CLUSTER}
    ADD COLUMN IF NOT EXISTS version UInt16,
    ADD COLUMN IF NOT EXISTS retraction Bool,
    MODIFY ORDER BY (policy_domain, day, policy_type, key, policy_index, version, retraction);
ALTER TABLE policy_results${LOCAL} ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS sign Int8 DEFAULT 1;

ALTER TABLE failure_details${LOCAL} ${ON_CLUSTER}
    ADD COLUMN IF NOT EXISTS version UInt16,
    ADD COLUMN IF NOT EXISTS retraction Bool,
    MODIFY ORDER BY (policy_domain, day, result_type, key, policy_index, detail_index, version, retraction);
ALTER TABLE failure_details${LOCAL} ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS sign Int8 DEFAULT 1;

-- On a cluster the Distributed tables must know the new columns too.
${CLUSTER_ONLY} ALTER TABLE reports ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS version UInt16, ADD COLUMN IF NOT EXISTS retraction Bool, ADD COLUMN IF NOT EXISTS sign Int8 DEFAULT 1, ADD COLUMN IF NOT EXISTS content_sha256 FixedString(64);
${CLUSTER_ONLY} ALTER TABLE policy_results ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS version UInt16, ADD COLUMN IF NOT EXISTS retraction Bool, ADD COLUMN IF NOT EXISTS sign Int8 DEFAULT 1;
${CLUSTER_ONLY} ALTER TABLE failure_details ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS version UInt16, ADD COLUMN IF NOT EXISTS retraction Bool, ADD COLUMN IF NOT EXISTS sign Int8 DEFAULT 1;

-- The aggregates add sign-weighted rows: a retraction subtracts what its version added. Signed columns, and views that
-- skip rows kept without counting. MODIFY QUERY swaps a view's query in one step, so no insert is missed.
ALTER TABLE daily_policy${LOCAL} ${ON_CLUSTER}
    MODIFY COLUMN reports Int64, MODIFY COLUMN successful Int64, MODIFY COLUMN failed Int64;
ALTER TABLE daily_policy_mv${LOCAL} ${ON_CLUSTER} MODIFY QUERY
SELECT policy_domain, day, policy_type, organization,
       sum(sign) AS reports, sum(toInt64(successful) * sign) AS successful, sum(toInt64(failed) * sign) AS failed
FROM policy_results${LOCAL}
WHERE sign != 0
GROUP BY policy_domain, day, policy_type, organization;

ALTER TABLE daily_failures${LOCAL} ${ON_CLUSTER}
    MODIFY COLUMN details Int64, MODIFY COLUMN failed_sessions Int64;
ALTER TABLE daily_failures_mv${LOCAL} ${ON_CLUSTER} MODIFY QUERY
SELECT policy_domain, day, policy_type, result_type, receiving_mx_hostname, sending_mta_ip,
       sum(sign) AS details, sum(toInt64(failed_sessions) * sign) AS failed_sessions
FROM failure_details${LOCAL}
WHERE sign != 0
GROUP BY policy_domain, day, policy_type, result_type, receiving_mx_hostname, sending_mta_ip;

ALTER TABLE daily_reporters${LOCAL} ${ON_CLUSTER}
    MODIFY COLUMN reports SimpleAggregateFunction(sum, Int64);
ALTER TABLE daily_reporters_mv${LOCAL} ${ON_CLUSTER} MODIFY QUERY
SELECT policy_domain, day, organization, sum(sign) AS reports, max(received_at) AS last_received_at
FROM reports${LOCAL} ARRAY JOIN policy_domains AS policy_domain
WHERE sign != 0
GROUP BY policy_domain, day, organization;

${CLUSTER_ONLY} ALTER TABLE daily_policy ${ON_CLUSTER} MODIFY COLUMN reports Int64, MODIFY COLUMN successful Int64, MODIFY COLUMN failed Int64;
${CLUSTER_ONLY} ALTER TABLE daily_failures ${ON_CLUSTER} MODIFY COLUMN details Int64, MODIFY COLUMN failed_sessions Int64;
${CLUSTER_ONLY} ALTER TABLE daily_reporters ${ON_CLUSTER} MODIFY COLUMN reports SimpleAggregateFunction(sum, Int64);
