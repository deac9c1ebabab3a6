CREATE TABLE "mentor_capacities" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"capacity" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentoring_programme_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"file_id" uuid NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentoring_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"title" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"curator_staff_id" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentorship_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentorship_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"topic" text NOT NULL,
	"notes" text,
	"duration_minutes" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentorships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"mentor_staff_id" uuid NOT NULL,
	"mentee_staff_id" uuid NOT NULL,
	"form" text NOT NULL,
	"status" text DEFAULT 'suggested' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"plan" text,
	"outcomes" text,
	"suggestion_reason" text,
	"programme_id" uuid,
	"created_by" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_mentorships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_organization_id" uuid NOT NULL,
	"mentee_organization_id" uuid NOT NULL,
	"mentor_team_staff_ids" uuid[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"plan" text,
	"outcomes" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mentor_capacities" ADD CONSTRAINT "mentor_capacities_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_capacities" ADD CONSTRAINT "mentor_capacities_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_programme_documents" ADD CONSTRAINT "mentoring_programme_documents_programme_id_mentoring_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."mentoring_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_programme_documents" ADD CONSTRAINT "mentoring_programme_documents_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_programme_documents" ADD CONSTRAINT "mentoring_programme_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_programmes" ADD CONSTRAINT "mentoring_programmes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_programmes" ADD CONSTRAINT "mentoring_programmes_curator_staff_id_staff_id_fk" FOREIGN KEY ("curator_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_programmes" ADD CONSTRAINT "mentoring_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_meetings" ADD CONSTRAINT "mentorship_meetings_mentorship_id_mentorships_id_fk" FOREIGN KEY ("mentorship_id") REFERENCES "public"."mentorships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_meetings" ADD CONSTRAINT "mentorship_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_mentor_staff_id_staff_id_fk" FOREIGN KEY ("mentor_staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_mentee_staff_id_staff_id_fk" FOREIGN KEY ("mentee_staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_programme_id_mentoring_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."mentoring_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_mentorships" ADD CONSTRAINT "team_mentorships_mentor_organization_id_organizations_id_fk" FOREIGN KEY ("mentor_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_mentorships" ADD CONSTRAINT "team_mentorships_mentee_organization_id_organizations_id_fk" FOREIGN KEY ("mentee_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_mentorships" ADD CONSTRAINT "team_mentorships_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mentoring_programme_documents_idx" ON "mentoring_programme_documents" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "mentoring_programmes_org_idx" ON "mentoring_programmes" USING btree ("organization_id","period_from");--> statement-breakpoint
CREATE INDEX "mentorship_meetings_idx" ON "mentorship_meetings" USING btree ("mentorship_id","held_on");--> statement-breakpoint
CREATE INDEX "mentorships_mentee_idx" ON "mentorships" USING btree ("mentee_staff_id","status");--> statement-breakpoint
CREATE INDEX "mentorships_mentor_idx" ON "mentorships" USING btree ("mentor_staff_id","status");--> statement-breakpoint
CREATE INDEX "mentorships_org_idx" ON "mentorships" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "mentorships_list_idx" ON "mentorships" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentorships_open_pair_idx" ON "mentorships" USING btree ("mentor_staff_id","mentee_staff_id") WHERE status IN ('suggested', 'confirmed', 'active');--> statement-breakpoint
CREATE INDEX "team_mentorships_mentor_idx" ON "team_mentorships" USING btree ("mentor_organization_id");--> statement-breakpoint
CREATE INDEX "team_mentorships_mentee_idx" ON "team_mentorships" USING btree ("mentee_organization_id");