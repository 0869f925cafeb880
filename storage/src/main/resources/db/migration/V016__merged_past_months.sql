-- The API's queries read a range of days of one or a few domains from the daily aggregates, and what they paid for
-- was mostly the parts they opened, not the rows: over 5 M reports, a tenant's 20 domains for a year took p95 53 -
-- 60 ms with every month in one part and 168 - 207 ms with the ~4.5 parts per month that normal merges leave
-- (docs/benchmarks.md, "Headroom"). So a month whose parts are all at least a day old is merged into one part: a
-- past month a day after its late reports, the current month only on a day without reports. A day, not an hour:
-- anyone may send a report dated in a past month, and each one makes a new part there; the age bounds what that can
-- cost to one rewrite of each month a day. Such a merge stays within the usual bound on a merge's size
-- (enable_max_bytes_limit_for_min_age_to_force_merge, on by default), and changes nothing but the layout: the
-- partition key and the views stay as they are, so an installation with data needs no copy.
ALTER TABLE daily_policy${LOCAL} ${ON_CLUSTER} MODIFY SETTING min_age_to_force_merge_seconds = 86400, min_age_to_force_merge_on_partition_only = 1;
ALTER TABLE daily_failures${LOCAL} ${ON_CLUSTER} MODIFY SETTING min_age_to_force_merge_seconds = 86400, min_age_to_force_merge_on_partition_only = 1;
ALTER TABLE daily_reporters${LOCAL} ${ON_CLUSTER} MODIFY SETTING min_age_to_force_merge_seconds = 86400, min_age_to_force_merge_on_partition_only = 1;
