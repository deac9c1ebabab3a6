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
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_issuer_organization_id_organizations_id_fk" FOREIGN KEY ("issuer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_issuer_territory_id_territories_id_fk" FOREIGN KEY ("issuer_territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_addressee_organization_id_organizations_id_fk" FOREIGN KEY ("addressee_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_addressee_territory_id_territories_id_fk" FOREIGN KEY ("addressee_territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_subject_territory_id_territories_id_fk" FOREIGN KEY ("subject_territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_campaign_id_monitoring_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."monitoring_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_forms_campaign_idx" ON "data_forms" USING btree ("campaign_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_assignments_unique" ON "monitoring_assignments" USING btree ("campaign_id","organization_id");--> statement-breakpoint
CREATE INDEX "monitoring_assignments_org_idx" ON "monitoring_assignments" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "monitoring_assignments_territory_idx" ON "monitoring_assignments" USING btree ("campaign_id","territory_id");--> statement-breakpoint
CREATE INDEX "monitoring_campaigns_territory_idx" ON "monitoring_campaigns" USING btree ("territory_id","year");--> statement-breakpoint
CREATE INDEX "monitoring_reminders_idx" ON "monitoring_reminders" USING btree ("assignment_id","sent_at");--> statement-breakpoint
CREATE INDEX "monitoring_submission_events_idx" ON "monitoring_submission_events" USING btree ("assignment_id","at");--> statement-breakpoint
CREATE INDEX "recommendations_issuer_idx" ON "recommendations" USING btree ("issuer_organization_id","created_at");--> statement-breakpoint
CREATE INDEX "recommendations_addressee_org_idx" ON "recommendations" USING btree ("addressee_organization_id");--> statement-breakpoint
CREATE INDEX "recommendations_addressee_territory_idx" ON "recommendations" USING btree ("addressee_territory_id");--> statement-breakpoint
CREATE INDEX "recommendations_subject_territory_idx" ON "recommendations" USING btree ("subject_territory_id","period");