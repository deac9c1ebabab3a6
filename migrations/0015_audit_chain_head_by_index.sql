-- ADR 0029: the chaining trigger finds the chain head by the unique index on chain_seq. Its plan
-- is cached per connection; made while audit_log was small (a fresh install, PGlite without
-- autovacuum) it stayed a sequential scan, so every audit insert read the whole table (200 000
-- rows of audit took minutes). With sequential scans off inside the function the plan is the
-- index scan whatever the statistics say.
ALTER FUNCTION audit_log_chain() SET enable_seqscan = off;
