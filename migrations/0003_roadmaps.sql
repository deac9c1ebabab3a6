CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_executors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"role" text NOT NULL,
	"text" text NOT NULL,
	"organization_id" uuid,
	"kinds" text[] DEFAULT '{}' NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_occurrences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"roadmap_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text,
	"status_note" text,
	"status_changed_by" uuid,
	"status_changed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_report_files" (
	"report_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "progress_report_files_report_id_file_id_pk" PRIMARY KEY("report_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "progress_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"occurrence_id" uuid,
	"organization_id" uuid NOT NULL,
	"text" text NOT NULL,
	"links" text[] DEFAULT '{}' NOT NULL,
	"completes" boolean DEFAULT false NOT NULL,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmap_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roadmap_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"number" text NOT NULL,
	"group_title" text,
	"title" text NOT NULL,
	"responsible_text" text NOT NULL,
	"co_executors_text" text,
	"deadline_text" text NOT NULL,
	"deadline_kind" text NOT NULL,
	"deadline_note" text,
	"schedule_manual" boolean DEFAULT false NOT NULL,
	"expected_result" text NOT NULL,
	"extra" jsonb,
	"position" integer NOT NULL,
	"parent_activity_id" uuid,
	"created_revision_id" uuid NOT NULL,
	"removed_revision_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmap_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roadmap_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"approved_by" text,
	"source_file_name" text,
	"summary" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmap_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roadmap_id" uuid NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"position" integer NOT NULL,
	"removed_revision_id" uuid
);
--> statement-breakpoint
CREATE TABLE "roadmaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"level" text NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"period_from" integer NOT NULL,
	"period_to" integer NOT NULL,
	"approved_by" text,
	"columns" text[] DEFAULT '{}' NOT NULL,
	"parent_roadmap_id" uuid,
	"revision_number" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_executors" ADD CONSTRAINT "activity_executors_activity_id_roadmap_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."roadmap_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_executors" ADD CONSTRAINT "activity_executors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_occurrences" ADD CONSTRAINT "activity_occurrences_activity_id_roadmap_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."roadmap_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_occurrences" ADD CONSTRAINT "activity_occurrences_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_occurrences" ADD CONSTRAINT "activity_occurrences_status_changed_by_users_id_fk" FOREIGN KEY ("status_changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_files" ADD CONSTRAINT "progress_report_files_report_id_progress_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."progress_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_files" ADD CONSTRAINT "progress_report_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_activity_id_roadmap_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."roadmap_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_occurrence_id_activity_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."activity_occurrences"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_activities" ADD CONSTRAINT "roadmap_activities_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_activities" ADD CONSTRAINT "roadmap_activities_section_id_roadmap_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."roadmap_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_activities" ADD CONSTRAINT "roadmap_activities_parent_activity_id_roadmap_activities_id_fk" FOREIGN KEY ("parent_activity_id") REFERENCES "public"."roadmap_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_activities" ADD CONSTRAINT "roadmap_activities_created_revision_id_roadmap_revisions_id_fk" FOREIGN KEY ("created_revision_id") REFERENCES "public"."roadmap_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_activities" ADD CONSTRAINT "roadmap_activities_removed_revision_id_roadmap_revisions_id_fk" FOREIGN KEY ("removed_revision_id") REFERENCES "public"."roadmap_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_revisions" ADD CONSTRAINT "roadmap_revisions_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_revisions" ADD CONSTRAINT "roadmap_revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_sections" ADD CONSTRAINT "roadmap_sections_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_sections" ADD CONSTRAINT "roadmap_sections_removed_revision_id_roadmap_revisions_id_fk" FOREIGN KEY ("removed_revision_id") REFERENCES "public"."roadmap_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_parent_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("parent_roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stored_files_sha_idx" ON "stored_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "activity_executors_activity_idx" ON "activity_executors" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "activity_executors_org_idx" ON "activity_executors" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "activity_occurrences_activity_idx" ON "activity_occurrences" USING btree ("activity_id","starts_on");--> statement-breakpoint
CREATE INDEX "activity_occurrences_due_idx" ON "activity_occurrences" USING btree ("roadmap_id","due_on");--> statement-breakpoint
CREATE INDEX "progress_reports_activity_idx" ON "progress_reports" USING btree ("activity_id","created_at");--> statement-breakpoint
CREATE INDEX "progress_reports_occurrence_idx" ON "progress_reports" USING btree ("occurrence_id","organization_id");--> statement-breakpoint
CREATE INDEX "progress_reports_org_idx" ON "progress_reports" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "roadmap_activities_roadmap_idx" ON "roadmap_activities" USING btree ("roadmap_id","position","id");--> statement-breakpoint
CREATE INDEX "roadmap_activities_section_idx" ON "roadmap_activities" USING btree ("section_id");--> statement-breakpoint
CREATE INDEX "roadmap_activities_parent_idx" ON "roadmap_activities" USING btree ("parent_activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roadmap_revisions_number_idx" ON "roadmap_revisions" USING btree ("roadmap_id","number");--> statement-breakpoint
CREATE INDEX "roadmap_sections_roadmap_idx" ON "roadmap_sections" USING btree ("roadmap_id","position");--> statement-breakpoint
CREATE INDEX "roadmaps_territory_idx" ON "roadmaps" USING btree ("territory_id","title","id");--> statement-breakpoint
CREATE INDEX "roadmaps_owner_idx" ON "roadmaps" USING btree ("owner_organization_id");--> statement-breakpoint
CREATE INDEX "roadmaps_title_idx" ON "roadmaps" USING btree ("title","id");--> statement-breakpoint
CREATE UNIQUE INDEX "roadmaps_cascade_idx" ON "roadmaps" USING btree ("parent_roadmap_id","owner_organization_id");