CREATE TABLE "recovery_codes" (
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "indicator_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"region_id" uuid,
	"year" integer NOT NULL,
	"number" text,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"periodicity" text DEFAULT 'year' NOT NULL,
	"kind" text NOT NULL,
	"numerator" text NOT NULL,
	"denominator" text,
	"factor" double precision DEFAULT 1 NOT NULL,
	"responsible_organization_id" uuid,
	"approving_act" text,
	"position" integer DEFAULT 100 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_definitions_version_idx" UNIQUE NULLS NOT DISTINCT("region_id","code","year")
);
--> statement-breakpoint
CREATE TABLE "indicator_entered_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"period" integer NOT NULL,
	"territory_id" uuid,
	"organization_id" uuid,
	"value" double precision NOT NULL,
	"entered_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_entered_values_uq" UNIQUE NULLS NOT DISTINCT("code","period","territory_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "indicator_org_nodes" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"nodes" uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_org_periods" (
	"organization_id" uuid NOT NULL,
	"period" integer NOT NULL,
	"orgs" integer DEFAULT 0 NOT NULL,
	"orgs_management_quality" integer DEFAULT 0 NOT NULL,
	"orgs_mentoring_model" integer DEFAULT 0 NOT NULL,
	"events_held" integer DEFAULT 0 NOT NULL,
	"event_participants" integer DEFAULT 0 NOT NULL,
	"agreements" integer DEFAULT 0 NOT NULL,
	"practices_published" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "indicator_org_periods_organization_id_period_pk" PRIMARY KEY("organization_id","period")
);
--> statement-breakpoint
CREATE TABLE "indicator_person_nodes" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"all_nodes" uuid[] NOT NULL,
	"ped_nodes" uuid[] NOT NULL,
	"mgr_nodes" uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_person_periods" (
	"staff_id" uuid NOT NULL,
	"period" integer NOT NULL,
	"staff" integer DEFAULT 0 NOT NULL,
	"staff_pedagogical" integer DEFAULT 0 NOT NULL,
	"staff_managerial" integer DEFAULT 0 NOT NULL,
	"diagnosed" integer DEFAULT 0 NOT NULL,
	"plan_on_diagnostic" integer DEFAULT 0 NOT NULL,
	"federal_new" integer DEFAULT 0 NOT NULL,
	"managers_quality" integer DEFAULT 0 NOT NULL,
	"young" integer DEFAULT 0 NOT NULL,
	"young_supported" integer DEFAULT 0 NOT NULL,
	"courses_completed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "indicator_person_periods_staff_id_period_pk" PRIMARY KEY("staff_id","period")
);
--> statement-breakpoint
CREATE TABLE "indicator_rollup_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"deferred" integer DEFAULT 0 NOT NULL,
	"rebuilt_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "indicator_rollups" (
	"node_id" uuid NOT NULL,
	"period" integer NOT NULL,
	"staff" integer DEFAULT 0 NOT NULL,
	"staff_pedagogical" integer DEFAULT 0 NOT NULL,
	"staff_managerial" integer DEFAULT 0 NOT NULL,
	"diagnosed" integer DEFAULT 0 NOT NULL,
	"plan_on_diagnostic" integer DEFAULT 0 NOT NULL,
	"federal_new" integer DEFAULT 0 NOT NULL,
	"managers_quality" integer DEFAULT 0 NOT NULL,
	"young" integer DEFAULT 0 NOT NULL,
	"young_supported" integer DEFAULT 0 NOT NULL,
	"courses_completed" integer DEFAULT 0 NOT NULL,
	"orgs" integer DEFAULT 0 NOT NULL,
	"orgs_management_quality" integer DEFAULT 0 NOT NULL,
	"orgs_mentoring_model" integer DEFAULT 0 NOT NULL,
	"events_held" integer DEFAULT 0 NOT NULL,
	"event_participants" integer DEFAULT 0 NOT NULL,
	"agreements" integer DEFAULT 0 NOT NULL,
	"practices_published" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "indicator_rollups_node_id_period_pk" PRIMARY KEY("node_id","period")
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"year" integer NOT NULL,
	"territory_id" uuid,
	"organization_id" uuid,
	"value" double precision NOT NULL,
	"set_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_targets_uq" UNIQUE NULLS NOT DISTINCT("code","year","territory_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "data_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"title" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"fields" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"deadline" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"year" integer NOT NULL,
	"period_label" text NOT NULL,
	"collect_from" date NOT NULL,
	"deadline" date NOT NULL,
	"level" text NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"message" text NOT NULL,
	"sent_by" uuid,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_submission_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"comment" text,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_submissions" (
	"assignment_id" uuid PRIMARY KEY NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"first_submitted_on" date,
	"submitted_at" timestamp with time zone,
	"return_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "destruction_acts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer NOT NULL,
	"act_date" date NOT NULL,
	"staff_id" uuid,
	"basis" text NOT NULL,
	"performed_by" uuid,
	"stores" jsonb NOT NULL,
	"audit_rows_erased" integer NOT NULL,
	"audit_chain_seq" bigint,
	"territory_ids" uuid[] DEFAULT '{}' NOT NULL,
	"organization_ids" uuid[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "personal_data_blocks" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"blocked_by" uuid,
	"blocked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "personal_data_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"status" text NOT NULL,
	"text_version" text NOT NULL,
	"effective_on" date NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "personal_data_processing" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"legal_basis" text NOT NULL,
	"purpose" text NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_organization_id" uuid NOT NULL,
	"issuer_territory_id" uuid NOT NULL,
	"addressee_organization_id" uuid,
	"addressee_territory_id" uuid,
	"subject_territory_id" uuid NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"campaign_id" uuid,
	"indicator_code" text,
	"period" integer,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"response" text,
	"responded_at" timestamp with time zone,
	"responded_by" uuid,
	"follow_up_comment" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendations_one_addressee" CHECK (("recommendations"."addressee_organization_id" IS NULL) <> ("recommendations"."addressee_territory_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "payload_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "erased_by" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_secret" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_definitions" ADD CONSTRAINT "indicator_definitions_region_id_territories_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_definitions" ADD CONSTRAINT "indicator_definitions_responsible_organization_id_organizations_id_fk" FOREIGN KEY ("responsible_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_definitions" ADD CONSTRAINT "indicator_definitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_entered_values" ADD CONSTRAINT "indicator_entered_values_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_entered_values" ADD CONSTRAINT "indicator_entered_values_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_entered_values" ADD CONSTRAINT "indicator_entered_values_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_forms" ADD CONSTRAINT "data_forms_campaign_id_monitoring_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."monitoring_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_assignments" ADD CONSTRAINT "monitoring_assignments_campaign_id_monitoring_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."monitoring_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_assignments" ADD CONSTRAINT "monitoring_assignments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_assignments" ADD CONSTRAINT "monitoring_assignments_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_campaigns" ADD CONSTRAINT "monitoring_campaigns_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_campaigns" ADD CONSTRAINT "monitoring_campaigns_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_campaigns" ADD CONSTRAINT "monitoring_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_reminders" ADD CONSTRAINT "monitoring_reminders_assignment_id_monitoring_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."monitoring_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_reminders" ADD CONSTRAINT "monitoring_reminders_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_submission_events" ADD CONSTRAINT "monitoring_submission_events_assignment_id_monitoring_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."monitoring_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_submission_events" ADD CONSTRAINT "monitoring_submission_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_submissions" ADD CONSTRAINT "monitoring_submissions_assignment_id_monitoring_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."monitoring_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_submissions" ADD CONSTRAINT "monitoring_submissions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destruction_acts" ADD CONSTRAINT "destruction_acts_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destruction_acts" ADD CONSTRAINT "destruction_acts_performed_by_users_id_fk" FOREIGN KEY ("performed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_data_blocks" ADD CONSTRAINT "personal_data_blocks_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_data_blocks" ADD CONSTRAINT "personal_data_blocks_blocked_by_users_id_fk" FOREIGN KEY ("blocked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_data_consents" ADD CONSTRAINT "personal_data_consents_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_data_consents" ADD CONSTRAINT "personal_data_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_data_processing" ADD CONSTRAINT "personal_data_processing_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_data_processing" ADD CONSTRAINT "personal_data_processing_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_issuer_organization_id_organizations_id_fk" FOREIGN KEY ("issuer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_issuer_territory_id_territories_id_fk" FOREIGN KEY ("issuer_territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_addressee_organization_id_organizations_id_fk" FOREIGN KEY ("addressee_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_addressee_territory_id_territories_id_fk" FOREIGN KEY ("addressee_territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_subject_territory_id_territories_id_fk" FOREIGN KEY ("subject_territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_campaign_id_monitoring_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."monitoring_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_codes_pk" ON "recovery_codes" USING btree ("user_id","code_hash");--> statement-breakpoint
CREATE INDEX "indicator_entered_values_period_idx" ON "indicator_entered_values" USING btree ("code","period");--> statement-breakpoint
CREATE INDEX "data_forms_campaign_idx" ON "data_forms" USING btree ("campaign_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_assignments_unique" ON "monitoring_assignments" USING btree ("campaign_id","organization_id");--> statement-breakpoint
CREATE INDEX "monitoring_assignments_org_idx" ON "monitoring_assignments" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "monitoring_assignments_territory_idx" ON "monitoring_assignments" USING btree ("campaign_id","territory_id");--> statement-breakpoint
CREATE INDEX "monitoring_campaigns_territory_idx" ON "monitoring_campaigns" USING btree ("territory_id","year");--> statement-breakpoint
CREATE INDEX "monitoring_reminders_idx" ON "monitoring_reminders" USING btree ("assignment_id","sent_at");--> statement-breakpoint
CREATE INDEX "monitoring_submission_events_idx" ON "monitoring_submission_events" USING btree ("assignment_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "destruction_acts_number_idx" ON "destruction_acts" USING btree ("number");--> statement-breakpoint
CREATE INDEX "destruction_acts_staff_idx" ON "destruction_acts" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "personal_data_consents_staff_idx" ON "personal_data_consents" USING btree ("staff_id","recorded_at");--> statement-breakpoint
CREATE INDEX "recommendations_issuer_idx" ON "recommendations" USING btree ("issuer_organization_id","created_at");--> statement-breakpoint
CREATE INDEX "recommendations_addressee_org_idx" ON "recommendations" USING btree ("addressee_organization_id");--> statement-breakpoint
CREATE INDEX "recommendations_addressee_territory_idx" ON "recommendations" USING btree ("addressee_territory_id");--> statement-breakpoint
CREATE INDEX "recommendations_subject_territory_idx" ON "recommendations" USING btree ("subject_territory_id","period");--> statement-breakpoint
CREATE INDEX "audit_login_idx" ON "audit_log" USING btree ("login","at");--> statement-breakpoint
CREATE INDEX "learning_plan_items_enrollment_idx" ON "learning_plan_items" USING btree ("enrollment_id") WHERE enrollment_id IS NOT NULL;