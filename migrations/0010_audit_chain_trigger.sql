-- ADR 0020: every audit row is chained to the one before by SHA-256 over its content and the
-- previous hash; chain_seq is assigned under a transaction-level advisory lock, so the chain
-- follows commit order even when ids (from a sequence) do not.
CREATE OR REPLACE FUNCTION audit_log_row_hash(prev text, r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    coalesce(prev, ''), r.chain_seq::text, r.id::text,
    to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    coalesce(r.user_id::text, ''), coalesce(r.login, ''), coalesce(r.ip, ''),
    r.action, r.entity, coalesce(r.entity_id, ''),
    r.territory_ids::text, r.organization_ids::text,
    coalesce(r.before::text, ''), coalesce(r.after::text, '')), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  last record;
BEGIN
  PERFORM pg_advisory_xact_lock(7239001);
  SELECT chain_seq, hash INTO last FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1;
  NEW.chain_seq := coalesce(last.chain_seq, 0) + 1;
  NEW.prev_hash := last.hash;
  NEW.hash := audit_log_row_hash(NEW.prev_hash, NEW);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
DO $$
DECLARE
  r record;
  prev text := NULL;
  n bigint := 0;
BEGIN
  FOR r IN SELECT id FROM audit_log ORDER BY id LOOP
    n := n + 1;
    UPDATE audit_log SET chain_seq = n, prev_hash = prev WHERE id = r.id;
    UPDATE audit_log a SET hash = audit_log_row_hash(prev, a) WHERE a.id = r.id RETURNING a.hash INTO prev;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
