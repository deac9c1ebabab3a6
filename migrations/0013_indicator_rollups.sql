-- ADR 0024: live efficiency indicators. Triggers on the records an indicator counts keep, in the
-- same transaction, per-person and per-organization flags per period and the counts per node
-- (organization, municipality, region, the country) that dashboards read. Both refresh functions
-- are set-based over a set of ids: they compute the new state, compare it with the stored one and
-- add only the difference to the node counts, so a statement touching many rows costs one pass.
-- Node rows are updated in (node, period) order, so concurrent writers lock them in one order.
CREATE OR REPLACE FUNCTION indicator_country_node() RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT '00000000-0000-0000-0000-000000000000'::uuid $$;
--> statement-breakpoint
-- Periods are counted from this year, and indicator 3 is cumulative from it (ADR 0024).
CREATE OR REPLACE FUNCTION indicator_base_year() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 2021 $$;
--> statement-breakpoint
INSERT INTO indicator_rollup_state (id, deferred) VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION indicator_deferred() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT deferred = 1 FROM indicator_rollup_state WHERE id = 1), false)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION indicator_refresh_orgs(ids uuid[]) RETURNS void LANGUAGE plpgsql
-- one plan for every call: re-planning this statement costs more than running it
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  changes integer;
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  WITH
  new_n AS (
    SELECT o.id AS organization_id, ARRAY[o.id] || t.path || indicator_country_node() AS nodes
    FROM organizations o JOIN territories t ON t.id = o.territory_id WHERE o.id = ANY(ids)),
  counted AS (
    SELECT o.id FROM organizations o WHERE o.id = ANY(ids) AND o.archived_at IS NULL
      AND o.kind IN ('school', 'kindergarten', 'college', 'additional_education')),
  flags AS (
    SELECT c.id AS organization_id, 0 AS period, 1 AS orgs, 0 AS mq, 0 AS mm, 0 AS eh, 0 AS ep, 0 AS ag, 0 AS pp FROM counted c
    UNION ALL
    SELECT r.node_id, r.period, 0, 1, 0, 0, 0, 0, 0 FROM indicator_rollups r
    WHERE r.node_id IN (SELECT id FROM counted) AND r.period > 0 AND r.managers_quality > 0
    UNION ALL
    SELECT DISTINCT mp.organization_id, y, 0, 0, 1, 0, 0, 0, 0
    FROM mentoring_programmes mp, generate_series(extract(year FROM mp.period_from)::int, extract(year FROM mp.period_to)::int) AS y
    WHERE mp.organization_id IN (SELECT id FROM counted)
    UNION ALL
    SELECT DISTINCT m.organization_id, y, 0, 0, 1, 0, 0, 0, 0
    FROM mentorships m, generate_series(extract(year FROM m.starts_on)::int,
      extract(year FROM coalesce(m.ends_on, (m.completed_at AT TIME ZONE 'UTC')::date, greatest(m.starts_on, current_date)))::int) AS y
    WHERE m.organization_id IN (SELECT id FROM counted) AND m.status IN ('active', 'completed')
    UNION ALL
    SELECT e.organizer_organization_id, extract(year FROM (e.starts_at AT TIME ZONE 'UTC'))::int, 0, 0, 0, count(*)::int, sum(er.participants_count)::int, 0, 0
    FROM events e JOIN event_reports er ON er.event_id = e.id
    WHERE e.organizer_organization_id = ANY(ids) AND e.cancelled_at IS NULL GROUP BY 1, 2
    UNION ALL
    SELECT d.owner_organization_id, extract(year FROM coalesce(d.doc_date, (d.created_at AT TIME ZONE 'UTC')::date))::int, 0, 0, 0, 0, 0, count(*)::int, 0
    FROM documents d WHERE d.owner_organization_id = ANY(ids) AND d.kind = 'agreement' AND d.status <> 'draft' GROUP BY 1, 2
    UNION ALL
    SELECT p.organization_id, extract(year FROM (p.published_at AT TIME ZONE 'UTC'))::int, 0, 0, 0, 0, 0, 0, count(*)::int
    FROM practices p WHERE p.organization_id = ANY(ids) AND p.status = 'published' AND p.published_at IS NOT NULL GROUP BY 1, 2),
  new_p AS (
    SELECT f.organization_id, f.period, max(f.orgs) AS orgs, max(f.mq) AS orgs_management_quality, max(f.mm) AS orgs_mentoring_model,
      sum(f.eh)::int AS events_held, sum(f.ep)::int AS event_participants, sum(f.ag)::int AS agreements, sum(f.pp)::int AS practices_published
    FROM flags f WHERE f.period = 0 OR f.period >= indicator_base_year() GROUP BY 1, 2),
  old_n AS (SELECT * FROM indicator_org_nodes WHERE organization_id = ANY(ids)),
  old_p AS (SELECT * FROM indicator_org_periods WHERE organization_id = ANY(ids)),
  x AS (
    SELECT -1 AS sg, p.period, p.orgs, p.orgs_management_quality, p.orgs_mentoring_model, p.events_held, p.event_participants, p.agreements, p.practices_published, n.nodes
    FROM old_p p JOIN old_n n USING (organization_id)
    UNION ALL
    SELECT 1, p.period, p.orgs, p.orgs_management_quality, p.orgs_mentoring_model, p.events_held, p.event_participants, p.agreements, p.practices_published, n.nodes
    FROM new_p p JOIN new_n n USING (organization_id)),
  d AS (
    SELECT u AS node_id, x.period, sum(x.sg * x.orgs)::int AS orgs, sum(x.sg * x.orgs_management_quality)::int AS orgs_management_quality,
      sum(x.sg * x.orgs_mentoring_model)::int AS orgs_mentoring_model, sum(x.sg * x.events_held)::int AS events_held,
      sum(x.sg * x.event_participants)::int AS event_participants, sum(x.sg * x.agreements)::int AS agreements, sum(x.sg * x.practices_published)::int AS practices_published
    FROM x, unnest(x.nodes) AS u GROUP BY 1, 2
    HAVING sum(x.sg * x.orgs) <> 0 OR sum(x.sg * x.orgs_management_quality) <> 0 OR sum(x.sg * x.orgs_mentoring_model) <> 0 OR sum(x.sg * x.events_held) <> 0
      OR sum(x.sg * x.event_participants) <> 0 OR sum(x.sg * x.agreements) <> 0 OR sum(x.sg * x.practices_published) <> 0),
  up AS (
    INSERT INTO indicator_rollups AS r (node_id, period, orgs, orgs_management_quality, orgs_mentoring_model, events_held, event_participants, agreements, practices_published)
    SELECT * FROM d ORDER BY node_id, period
    ON CONFLICT (node_id, period) DO UPDATE SET orgs = r.orgs + excluded.orgs, orgs_management_quality = r.orgs_management_quality + excluded.orgs_management_quality,
      orgs_mentoring_model = r.orgs_mentoring_model + excluded.orgs_mentoring_model, events_held = r.events_held + excluded.events_held,
      event_participants = r.event_participants + excluded.event_participants, agreements = r.agreements + excluded.agreements,
      practices_published = r.practices_published + excluded.practices_published),
  del_p AS (
    DELETE FROM indicator_org_periods o WHERE o.organization_id = ANY(ids)
      AND NOT EXISTS (SELECT 1 FROM new_p p WHERE p.organization_id = o.organization_id AND p.period = o.period)),
  ups_p AS (
    INSERT INTO indicator_org_periods AS o (organization_id, period, orgs, orgs_management_quality, orgs_mentoring_model, events_held, event_participants, agreements, practices_published)
    SELECT * FROM new_p
    ON CONFLICT (organization_id, period) DO UPDATE SET orgs = excluded.orgs, orgs_management_quality = excluded.orgs_management_quality,
      orgs_mentoring_model = excluded.orgs_mentoring_model, events_held = excluded.events_held, event_participants = excluded.event_participants,
      agreements = excluded.agreements, practices_published = excluded.practices_published
    WHERE (o.orgs, o.orgs_management_quality, o.orgs_mentoring_model, o.events_held, o.event_participants, o.agreements, o.practices_published)
      IS DISTINCT FROM (excluded.orgs, excluded.orgs_management_quality, excluded.orgs_mentoring_model, excluded.events_held, excluded.event_participants, excluded.agreements, excluded.practices_published)),
  del_n AS (DELETE FROM indicator_org_nodes o WHERE o.organization_id = ANY(ids) AND o.organization_id NOT IN (SELECT organization_id FROM new_n)),
  ups_n AS (
    INSERT INTO indicator_org_nodes AS o (organization_id, nodes) SELECT organization_id, nodes FROM new_n
    ON CONFLICT (organization_id) DO UPDATE SET nodes = excluded.nodes WHERE o.nodes IS DISTINCT FROM excluded.nodes)
  SELECT count(*) INTO changes FROM d;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION indicator_refresh_staff(ids uuid[], cascade_orgs boolean DEFAULT true) RETURNS void LANGUAGE plpgsql
-- one plan for every call: re-planning this statement costs more than running it
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  changed uuid[];
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  WITH
  pos AS (
    SELECT sp.staff_id, sp.organization_id, sp.staff_category, t.path
    FROM staff_positions sp
    JOIN staff s ON s.id = sp.staff_id AND s.archived_at IS NULL
    JOIN organizations o ON o.id = sp.organization_id
    JOIN territories t ON t.id = o.territory_id
    WHERE sp.staff_id = ANY(ids) AND sp.end_date IS NULL),
  new_n AS (
    SELECT pos.staff_id,
      array_agg(DISTINCT n ORDER BY n) AS all_nodes,
      coalesce(array_agg(DISTINCT n ORDER BY n) FILTER (WHERE pos.staff_category = 'pedagogical'), '{}') AS ped_nodes,
      coalesce(array_agg(DISTINCT n ORDER BY n) FILTER (WHERE pos.staff_category = 'managerial'), '{}') AS mgr_nodes
    FROM pos, unnest(pos.path || pos.organization_id || indicator_country_node()) AS n
    GROUP BY pos.staff_id),
  flags AS (
    SELECT n.staff_id, 0 AS period, 1 AS staff,
      CASE WHEN cardinality(n.ped_nodes) > 0 THEN 1 ELSE 0 END AS ped, CASE WHEN cardinality(n.mgr_nodes) > 0 THEN 1 ELSE 0 END AS mgr,
      0 AS diag, 0 AS plan, 0 AS fed, 0 AS mq, 0 AS young, 0 AS ys, 0 AS courses
    FROM new_n n
    UNION ALL
    SELECT DISTINCT r.staff_id, extract(year FROM r.measured_on)::int, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0
    FROM assessment_results r WHERE r.staff_id = ANY(ids)
    UNION ALL
    SELECT DISTINCT lp.staff_id, extract(year FROM (coalesce(lp.tutor_agreed_at, lp.created_at) AT TIME ZONE 'UTC'))::int, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0
    FROM learning_plans lp
    WHERE lp.staff_id = ANY(ids) AND lp.status <> 'draft' AND jsonb_typeof(lp.deficits) = 'array' AND jsonb_array_length(lp.deficits) > 0
    UNION ALL
    SELECT e.staff_id, min(extract(year FROM e.completed_on))::int, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0
    FROM enrollments e LEFT JOIN cohorts c ON c.id = e.cohort_id JOIN programs pr ON pr.id = coalesce(c.program_id, e.program_id)
    WHERE e.staff_id = ANY(ids) AND e.status = 'completed' AND e.completed_on >= make_date(indicator_base_year(), 1, 1) AND pr.in_federal_registry
      AND EXISTS (SELECT 1 FROM learning_plan_items i JOIN learning_plans lp ON lp.id = i.plan_id
                  WHERE lp.staff_id = e.staff_id AND lp.status <> 'draft' AND jsonb_typeof(lp.deficits) = 'array' AND jsonb_array_length(lp.deficits) > 0
                    AND (i.enrollment_id = e.id OR i.program_id = pr.id))
    GROUP BY e.staff_id
    UNION ALL
    SELECT DISTINCT e.staff_id, extract(year FROM e.completed_on)::int, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0
    FROM enrollments e LEFT JOIN cohorts c ON c.id = e.cohort_id JOIN programs pr ON pr.id = coalesce(c.program_id, e.program_id)
    WHERE e.staff_id = ANY(ids) AND e.status = 'completed' AND e.completed_on IS NOT NULL
      AND EXISTS (SELECT 1 FROM program_competencies pc JOIN competencies k ON k.id = pc.competency_id JOIN competency_groups g ON g.id = k.group_id
                  WHERE pc.program_id = pr.id AND g.audience = 'managerial')
    UNION ALL
    SELECT e.staff_id, extract(year FROM e.completed_on)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*)::int
    FROM enrollments e WHERE e.staff_id = ANY(ids) AND e.status = 'completed' AND e.completed_on IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT s.id, y, 0, 0, 0, 0, 0, 0, 0, 1,
      -- the forms of support of ADR 0016 in the period: a pair as mentee (started), a route, a tutor
      CASE WHEN EXISTS (SELECT 1 FROM mentorships m WHERE m.mentee_staff_id = s.id AND m.status IN ('active', 'completed')
                          AND m.starts_on <= make_date(y, 12, 31)
                          AND coalesce(m.ends_on, (m.completed_at AT TIME ZONE 'UTC')::date, 'infinity'::date) >= make_date(y, 1, 1))
             OR EXISTS (SELECT 1 FROM learning_plans lp WHERE lp.staff_id = s.id AND lp.status <> 'draft'
                          AND lp.period_from <= make_date(y, 12, 31) AND lp.period_to >= make_date(y, 1, 1))
             OR EXISTS (SELECT 1 FROM tutor_assignments ta WHERE ta.staff_id = s.id)
           THEN 1 ELSE 0 END, 0
    FROM staff s, generate_series(s.profession_start_year, s.profession_start_year + 3) AS y
    WHERE s.id = ANY(ids) AND s.birth_date IS NOT NULL AND s.profession_start_year IS NOT NULL
      AND s.birth_date > make_date(y, 12, 31) - interval '35 years'),
  new_p AS (
    SELECT f.staff_id, f.period, max(f.staff) AS staff, max(f.ped) AS staff_pedagogical, max(f.mgr) AS staff_managerial, max(f.diag) AS diagnosed,
      max(f.plan) AS plan_on_diagnostic, max(f.fed) AS federal_new, max(f.mq) AS managers_quality, max(f.young) AS young, max(f.ys) AS young_supported,
      sum(f.courses)::int AS courses_completed
    FROM flags f WHERE f.staff_id IN (SELECT staff_id FROM new_n) AND (f.period = 0 OR f.period >= indicator_base_year()) GROUP BY 1, 2),
  old_n AS (SELECT * FROM indicator_person_nodes WHERE staff_id = ANY(ids)),
  old_p AS (SELECT * FROM indicator_person_periods WHERE staff_id = ANY(ids)),
  x AS (
    SELECT -1 AS sg, p.period, p.staff, p.staff_pedagogical, p.staff_managerial, p.diagnosed, p.plan_on_diagnostic, p.federal_new, p.managers_quality,
      p.young, p.young_supported, p.courses_completed, n.all_nodes, n.ped_nodes, n.mgr_nodes
    FROM old_p p JOIN old_n n USING (staff_id)
    UNION ALL
    SELECT 1, p.period, p.staff, p.staff_pedagogical, p.staff_managerial, p.diagnosed, p.plan_on_diagnostic, p.federal_new, p.managers_quality,
      p.young, p.young_supported, p.courses_completed, n.all_nodes, n.ped_nodes, n.mgr_nodes
    FROM new_p p JOIN new_n n USING (staff_id)),
  c AS (
    SELECT u AS node_id, x.period, x.sg * x.staff AS staff, 0 AS staff_pedagogical, 0 AS staff_managerial, x.sg * x.diagnosed AS diagnosed,
      x.sg * x.plan_on_diagnostic AS plan_on_diagnostic, 0 AS federal_new, 0 AS managers_quality, x.sg * x.young AS young,
      x.sg * x.young_supported AS young_supported, x.sg * x.courses_completed AS courses_completed
    FROM x, unnest(x.all_nodes) AS u
    UNION ALL
    SELECT u, x.period, 0, x.sg * x.staff_pedagogical, 0, 0, 0, x.sg * x.federal_new, 0, 0, 0, 0 FROM x, unnest(x.ped_nodes) AS u
    UNION ALL
    SELECT u, x.period, 0, 0, x.sg * x.staff_managerial, 0, 0, 0, x.sg * x.managers_quality, 0, 0, 0 FROM x, unnest(x.mgr_nodes) AS u),
  d AS (
    SELECT c.node_id, c.period, sum(c.staff)::int AS staff, sum(c.staff_pedagogical)::int AS staff_pedagogical, sum(c.staff_managerial)::int AS staff_managerial,
      sum(c.diagnosed)::int AS diagnosed, sum(c.plan_on_diagnostic)::int AS plan_on_diagnostic, sum(c.federal_new)::int AS federal_new,
      sum(c.managers_quality)::int AS managers_quality, sum(c.young)::int AS young, sum(c.young_supported)::int AS young_supported,
      sum(c.courses_completed)::int AS courses_completed
    FROM c GROUP BY 1, 2
    HAVING sum(c.staff) <> 0 OR sum(c.staff_pedagogical) <> 0 OR sum(c.staff_managerial) <> 0 OR sum(c.diagnosed) <> 0 OR sum(c.plan_on_diagnostic) <> 0
      OR sum(c.federal_new) <> 0 OR sum(c.managers_quality) <> 0 OR sum(c.young) <> 0 OR sum(c.young_supported) <> 0 OR sum(c.courses_completed) <> 0),
  up AS (
    INSERT INTO indicator_rollups AS r (node_id, period, staff, staff_pedagogical, staff_managerial, diagnosed, plan_on_diagnostic, federal_new,
      managers_quality, young, young_supported, courses_completed)
    SELECT * FROM d ORDER BY node_id, period
    ON CONFLICT (node_id, period) DO UPDATE SET staff = r.staff + excluded.staff, staff_pedagogical = r.staff_pedagogical + excluded.staff_pedagogical,
      staff_managerial = r.staff_managerial + excluded.staff_managerial, diagnosed = r.diagnosed + excluded.diagnosed,
      plan_on_diagnostic = r.plan_on_diagnostic + excluded.plan_on_diagnostic, federal_new = r.federal_new + excluded.federal_new,
      managers_quality = r.managers_quality + excluded.managers_quality, young = r.young + excluded.young,
      young_supported = r.young_supported + excluded.young_supported, courses_completed = r.courses_completed + excluded.courses_completed),
  del_p AS (
    DELETE FROM indicator_person_periods o WHERE o.staff_id = ANY(ids)
      AND NOT EXISTS (SELECT 1 FROM new_p p WHERE p.staff_id = o.staff_id AND p.period = o.period)),
  ups_p AS (
    INSERT INTO indicator_person_periods AS o (staff_id, period, staff, staff_pedagogical, staff_managerial, diagnosed, plan_on_diagnostic, federal_new,
      managers_quality, young, young_supported, courses_completed)
    SELECT * FROM new_p
    ON CONFLICT (staff_id, period) DO UPDATE SET staff = excluded.staff, staff_pedagogical = excluded.staff_pedagogical, staff_managerial = excluded.staff_managerial,
      diagnosed = excluded.diagnosed, plan_on_diagnostic = excluded.plan_on_diagnostic, federal_new = excluded.federal_new,
      managers_quality = excluded.managers_quality, young = excluded.young, young_supported = excluded.young_supported, courses_completed = excluded.courses_completed
    WHERE (o.staff, o.staff_pedagogical, o.staff_managerial, o.diagnosed, o.plan_on_diagnostic, o.federal_new, o.managers_quality, o.young, o.young_supported, o.courses_completed)
      IS DISTINCT FROM (excluded.staff, excluded.staff_pedagogical, excluded.staff_managerial, excluded.diagnosed, excluded.plan_on_diagnostic, excluded.federal_new,
        excluded.managers_quality, excluded.young, excluded.young_supported, excluded.courses_completed)),
  del_n AS (DELETE FROM indicator_person_nodes o WHERE o.staff_id = ANY(ids) AND o.staff_id NOT IN (SELECT staff_id FROM new_n)),
  ups_n AS (
    INSERT INTO indicator_person_nodes AS o (staff_id, all_nodes, ped_nodes, mgr_nodes) SELECT staff_id, all_nodes, ped_nodes, mgr_nodes FROM new_n
    ON CONFLICT (staff_id) DO UPDATE SET all_nodes = excluded.all_nodes, ped_nodes = excluded.ped_nodes, mgr_nodes = excluded.mgr_nodes
    WHERE (o.all_nodes, o.ped_nodes, o.mgr_nodes) IS DISTINCT FROM (excluded.all_nodes, excluded.ped_nodes, excluded.mgr_nodes))
  SELECT array_agg(DISTINCT d.node_id) INTO changed FROM d WHERE d.managers_quality <> 0;
  IF cascade_orgs AND changed IS NOT NULL THEN
    PERFORM indicator_refresh_orgs(changed);
  END IF;
END;
$$;
--> statement-breakpoint
-- The hottest write, a diagnostic result, changes one flag only: «diagnosed in the year». This
-- narrow refresh compares the person's diagnosed years with the stored ones and adds the
-- difference to their nodes; a result in a year already counted writes nothing.
CREATE OR REPLACE FUNCTION indicator_refresh_diagnosed(ids uuid[]) RETURNS void LANGUAGE plpgsql
-- one plan for every call: re-planning this statement costs more than running it
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  changes integer;
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  WITH
  counted AS (SELECT staff_id, all_nodes FROM indicator_person_nodes WHERE staff_id = ANY(ids)),
  new_y AS (
    SELECT DISTINCT r.staff_id, extract(year FROM r.measured_on)::int AS period
    FROM assessment_results r WHERE r.staff_id IN (SELECT staff_id FROM counted) AND r.measured_on >= make_date(indicator_base_year(), 1, 1)),
  old_y AS (SELECT staff_id, period FROM indicator_person_periods WHERE staff_id IN (SELECT staff_id FROM counted) AND diagnosed = 1),
  diff AS (
    (SELECT staff_id, period, 1 AS sg FROM new_y EXCEPT SELECT staff_id, period, 1 FROM old_y)
    UNION ALL
    (SELECT staff_id, period, -1 FROM old_y EXCEPT SELECT staff_id, period, -1 FROM new_y)),
  d AS (
    SELECT u AS node_id, diff.period, sum(diff.sg)::int AS diagnosed
    FROM diff JOIN counted USING (staff_id), unnest(counted.all_nodes) AS u GROUP BY 1, 2),
  up AS (
    INSERT INTO indicator_rollups AS r (node_id, period, diagnosed) SELECT node_id, period, diagnosed FROM d ORDER BY node_id, period
    ON CONFLICT (node_id, period) DO UPDATE SET diagnosed = r.diagnosed + excluded.diagnosed),
  added AS (
    INSERT INTO indicator_person_periods AS o (staff_id, period, diagnosed) SELECT staff_id, period, 1 FROM diff WHERE sg = 1
    ON CONFLICT (staff_id, period) DO UPDATE SET diagnosed = 1),
  removed AS (
    UPDATE indicator_person_periods o SET diagnosed = 0 FROM diff
    WHERE diff.sg = -1 AND o.staff_id = diff.staff_id AND o.period = diff.period)
  SELECT count(*) INTO changes FROM diff;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION indicator_trg_results() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := '{}';
BEGIN
  IF indicator_deferred() THEN RETURN NULL; END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || ARRAY(SELECT n.staff_id FROM new_rows n); END IF;
  IF TG_OP <> 'INSERT' THEN ids := ids || ARRAY(SELECT o.staff_id FROM old_rows o); END IF;
  PERFORM indicator_refresh_diagnosed(ARRAY(SELECT DISTINCT i FROM unnest(ids) AS i));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- One trigger function for the records that point at a person or an organization by a column:
-- TG_ARGV[0] is 'staff' or 'org', TG_ARGV[1] the column. Statement-level with transition tables,
-- so a bulk statement refreshes each affected person once.
CREATE OR REPLACE FUNCTION indicator_trg_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[1];
  ids uuid[] := '{}';
BEGIN
  IF indicator_deferred() THEN RETURN NULL; END IF;
  IF TG_OP <> 'DELETE' THEN
    ids := ids || ARRAY(SELECT (to_jsonb(n) ->> col)::uuid FROM new_rows n);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    ids := ids || ARRAY(SELECT (to_jsonb(o) ->> col)::uuid FROM old_rows o);
  END IF;
  ids := ARRAY(SELECT DISTINCT i FROM unnest(ids) AS i WHERE i IS NOT NULL);
  IF TG_ARGV[0] = 'staff' THEN
    PERFORM indicator_refresh_staff(ids);
  ELSE
    PERFORM indicator_refresh_orgs(ids);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Items of a plan (a course chosen on the diagnostic) belong to the plan's person.
CREATE OR REPLACE FUNCTION indicator_trg_plan_items() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := '{}';
BEGIN
  IF indicator_deferred() THEN RETURN NULL; END IF;
  IF TG_OP <> 'DELETE' THEN
    ids := ids || ARRAY(SELECT lp.staff_id FROM new_rows n JOIN learning_plans lp ON lp.id = n.plan_id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    ids := ids || ARRAY(SELECT lp.staff_id FROM old_rows o JOIN learning_plans lp ON lp.id = o.plan_id);
  END IF;
  PERFORM indicator_refresh_staff(ARRAY(SELECT DISTINCT i FROM unnest(ids) AS i));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A report of an event makes it «held»; it belongs to the event's organizer.
CREATE OR REPLACE FUNCTION indicator_trg_event_reports() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := '{}';
BEGIN
  IF indicator_deferred() THEN RETURN NULL; END IF;
  IF TG_OP <> 'DELETE' THEN
    ids := ids || ARRAY(SELECT e.organizer_organization_id FROM new_rows n JOIN events e ON e.id = n.event_id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    ids := ids || ARRAY(SELECT e.organizer_organization_id FROM old_rows o JOIN events e ON e.id = o.event_id);
  END IF;
  PERFORM indicator_refresh_orgs(ARRAY(SELECT DISTINCT i FROM unnest(ids) AS i));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A programme entering or leaving the federal registry, or changing its competencies, changes
-- what its completed enrollments count for.
CREATE OR REPLACE FUNCTION indicator_trg_programs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[0];
  programs uuid[] := '{}';
BEGIN
  IF indicator_deferred() THEN RETURN NULL; END IF;
  IF TG_OP <> 'DELETE' THEN
    programs := programs || ARRAY(SELECT (to_jsonb(n) ->> col)::uuid FROM new_rows n);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    programs := programs || ARRAY(SELECT (to_jsonb(o) ->> col)::uuid FROM old_rows o);
  END IF;
  PERFORM indicator_refresh_staff(ARRAY(
    SELECT DISTINCT e.staff_id FROM enrollments e LEFT JOIN cohorts c ON c.id = e.cohort_id
    WHERE e.status = 'completed' AND (e.program_id = ANY(programs) OR c.program_id = ANY(programs))));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- An organization: its own flags, and — when it moves to another territory — its people.
CREATE OR REPLACE FUNCTION indicator_trg_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := '{}';
  moved uuid[] := '{}';
BEGIN
  IF indicator_deferred() THEN RETURN NULL; END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || ARRAY(SELECT n.id FROM new_rows n); END IF;
  IF TG_OP <> 'INSERT' THEN ids := ids || ARRAY(SELECT o.id FROM old_rows o); END IF;
  IF TG_OP = 'UPDATE' THEN
    moved := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.territory_id IS DISTINCT FROM n.territory_id);
  END IF;
  IF cardinality(moved) > 0 THEN
    PERFORM indicator_refresh_staff(ARRAY(SELECT DISTINCT sp.staff_id FROM staff_positions sp WHERE sp.organization_id = ANY(moved)));
  END IF;
  PERFORM indicator_refresh_orgs(ARRAY(SELECT DISTINCT i FROM unnest(ids) AS i));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('assessment_results', 'indicator_trg_results', ''),
    ('learning_plans', 'indicator_trg_refresh', '''staff'', ''staff_id'''),
    ('enrollments', 'indicator_trg_refresh', '''staff'', ''staff_id'''),
    ('staff', 'indicator_trg_refresh', '''staff'', ''id'''),
    ('staff_positions', 'indicator_trg_refresh', '''staff'', ''staff_id'''),
    ('tutor_assignments', 'indicator_trg_refresh', '''staff'', ''staff_id'''),
    ('mentorships', 'indicator_trg_refresh', '''staff'', ''mentee_staff_id'''),
    ('mentorships', 'indicator_trg_refresh', '''org'', ''organization_id'''),
    ('mentoring_programmes', 'indicator_trg_refresh', '''org'', ''organization_id'''),
    ('events', 'indicator_trg_refresh', '''org'', ''organizer_organization_id'''),
    ('documents', 'indicator_trg_refresh', '''org'', ''owner_organization_id'''),
    ('practices', 'indicator_trg_refresh', '''org'', ''organization_id'''),
    ('learning_plan_items', 'indicator_trg_plan_items', ''),
    ('event_reports', 'indicator_trg_event_reports', ''),
    ('programs', 'indicator_trg_programs', '''id'''),
    ('program_competencies', 'indicator_trg_programs', '''program_id'''),
    ('organizations', 'indicator_trg_organizations', '')
  ) AS v(tbl, fn, args)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I(%s)',
      left(t.tbl || '_ind_ins_' || md5(t.args), 60), t.tbl, t.fn, t.args);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I(%s)',
      left(t.tbl || '_ind_upd_' || md5(t.args), 60), t.tbl, t.fn, t.args);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I(%s)',
      left(t.tbl || '_ind_del_' || md5(t.args), 60), t.tbl, t.fn, t.args);
  END LOOP;
END;
$$;
--> statement-breakpoint
INSERT INTO indicator_definitions (code, region_id, year, number, name, unit, periodicity, kind, numerator, denominator, factor, position) VALUES
('diagnosed', NULL, 2021, '1', 'Доля педагогических работников и управленческих кадров, прошедших диагностику профессиональных дефицитов', 'percent', 'year', 'computed', 'diagnosed', 'staff', 100, 1),
('learning_plan', NULL, 2021, '2', 'Доля педагогических работников и управленческих кадров, для которых по результатам диагностики построен индивидуальный образовательный маршрут', 'percent', 'year', 'computed', 'plan_on_diagnostic', 'staff', 100, 2),
('federal_registry', NULL, 2021, '3', 'Доля педагогических работников, прошедших обучение по программам из федерального реестра, выбранным по результатам диагностики (нарастающим итогом с 2021 года)', 'percent', 'year', 'computed', 'federal_on_diagnostic', 'staff_pedagogical', 100, 3),
('management_quality', NULL, 2021, '4', 'Доля образовательных организаций, управленческие команды которых повысили квалификацию в области управления качеством образования', 'percent', 'year', 'computed', 'orgs_management_quality', 'orgs', 100, 4),
('young_specialists_supported', NULL, 2021, '5', 'Доля педагогических работников в возрасте до 35 лет в первые три года работы, вовлечённых в различные формы поддержки и сопровождения', 'percent', 'year', 'computed', 'young_supported', 'young', 100, 5),
('mentoring_model', NULL, 2021, '6', 'Доля образовательных организаций, реализующих целевую модель наставничества', 'percent', 'year', 'computed', 'orgs_mentoring_model', 'orgs', 100, 6),
('events_held', NULL, 2021, NULL, 'Количество проведённых мероприятий (по отчётам)', 'count', 'year', 'computed', 'events_held', NULL, 1, 7),
('event_participants', NULL, 2021, NULL, 'Количество участников проведённых мероприятий', 'count', 'year', 'computed', 'event_participants', NULL, 1, 8),
('agreements', NULL, 2021, NULL, 'Количество заключённых соглашений', 'count', 'year', 'computed', 'agreements', NULL, 1, 9),
('practices_published', NULL, 2021, NULL, 'Количество опубликованных практик в банке практик', 'count', 'year', 'computed', 'practices_published', NULL, 1, 10),
('courses_completed', NULL, 2021, NULL, 'Количество завершённых курсов повышения квалификации', 'count', 'year', 'computed', 'courses_completed', NULL, 1, 11);
--> statement-breakpoint
-- A database that already holds records starts with its rollups counted.
SELECT indicator_refresh_staff(ARRAY(SELECT id FROM staff), false);
--> statement-breakpoint
SELECT indicator_refresh_orgs(ARRAY(SELECT id FROM organizations));
--> statement-breakpoint
UPDATE indicator_rollup_state SET rebuilt_at = now() WHERE id = 1;
