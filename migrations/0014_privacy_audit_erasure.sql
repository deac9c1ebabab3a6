-- ADR 0028. The audit chain covers a hash of the personal part of a row (login, ip, entity_id,
-- before, after) instead of the part itself, so a destruction act or a retention purge can erase
-- that part while every link still verifies. Self-contained: replaces the functions of 0001/0010.
CREATE OR REPLACE FUNCTION audit_log_payload_hash(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    coalesce(r.login, ''), coalesce(r.ip, ''), coalesce(r.entity_id, ''),
    coalesce(r.before::text, ''), coalesce(r.after::text, '')), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_row_hash(prev text, r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    coalesce(prev, ''), r.chain_seq::text, r.id::text,
    to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    coalesce(r.user_id::text, ''), r.action, r.entity,
    r.territory_ids::text, r.organization_ids::text,
    coalesce(r.payload_hash, '')), 'UTF8')), 'hex')
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
  NEW.erased_at := NULL;
  NEW.erased_by := NULL;
  NEW.payload_hash := audit_log_payload_hash(NEW);
  NEW.hash := audit_log_row_hash(NEW.prev_hash, NEW);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Append-only, with one exception: erasing the personal part of a row, inside a transaction that
-- declared it (SET LOCAL app.audit_erasure = 'on'), leaving every chained field as it was.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('app.audit_erasure', true) = 'on'
     AND NEW.erased_at IS NOT NULL AND NEW.erased_by IS NOT NULL
     AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.user_id IS NOT DISTINCT FROM OLD.user_id
     AND NEW.action = OLD.action AND NEW.entity = OLD.entity
     AND NEW.territory_ids = OLD.territory_ids AND NEW.organization_ids = OLD.organization_ids
     AND NEW.chain_seq IS NOT DISTINCT FROM OLD.chain_seq AND NEW.prev_hash IS NOT DISTINCT FROM OLD.prev_hash
     AND NEW.hash IS NOT DISTINCT FROM OLD.hash AND NEW.payload_hash IS NOT DISTINCT FROM OLD.payload_hash THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
DO $$
DECLARE
  r record;
  prev text := NULL;
BEGIN
  FOR r IN SELECT id FROM audit_log ORDER BY chain_seq NULLS LAST, id LOOP
    UPDATE audit_log a SET payload_hash = audit_log_payload_hash(a) WHERE a.id = r.id;
    UPDATE audit_log a SET prev_hash = prev WHERE a.id = r.id;
    UPDATE audit_log a SET hash = audit_log_row_hash(prev, a) WHERE a.id = r.id RETURNING a.hash INTO prev;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
-- Blocking (ст. 21 152-ФЗ): no row about a blocked person is written or changed, whichever module
-- tries; the destruction of a blocked person declares SET LOCAL app.privacy_override = 'on'.
CREATE OR REPLACE FUNCTION refuse_blocked_subject() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text;
  subject text;
BEGIN
  IF current_setting('app.privacy_override', true) = 'on' OR NOT EXISTS (SELECT 1 FROM personal_data_blocks) THEN
    RETURN NEW;
  END IF;
  FOREACH col IN ARRAY TG_ARGV LOOP
    subject := to_jsonb(NEW) ->> col;
    IF subject IS NOT NULL AND EXISTS (SELECT 1 FROM personal_data_blocks WHERE staff_id = subject::uuid) THEN
      RAISE EXCEPTION USING ERRCODE = 'PD001',
        MESSAGE = 'Обработка персональных данных работника заблокирована: изменения о нём не принимаются до снятия блокировки';
    END IF;
  END LOOP;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON staff FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON staff_positions FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON staff_education FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON assessment_participants FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON assessment_results FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON enrollments FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON learning_plans FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON mentorships FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('mentor_staff_id', 'mentee_staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON mentor_capacities FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON event_registrations FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON community_members FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON community_meeting_participants FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON contest_entries FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON practice_authors FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
--> statement-breakpoint
CREATE TRIGGER privacy_block BEFORE INSERT OR UPDATE ON tutor_assignments FOR EACH ROW EXECUTE FUNCTION refuse_blocked_subject('staff_id');
