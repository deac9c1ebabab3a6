CREATE TABLE "learning_plan_item_files" (
	"item_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	CONSTRAINT "learning_plan_item_files_item_id_file_id_pk" PRIMARY KEY("item_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "learning_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"form" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"competency_ids" uuid[] DEFAULT '{}' NOT NULL,
	"explanation" text,
	"program_id" uuid,
	"cohort_id" uuid,
	"enrollment_id" uuid,
	"organization_id" uuid,
	"mentor_staff_id" uuid,
	"deadline" date,
	"expected_result" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"report_text" text,
	"reported_at" timestamp with time zone,
	"reported_by" uuid,
	"review_comment" text,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"tutor_user_id" uuid,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"deficits" jsonb NOT NULL,
	"person_agreed_at" timestamp with time zone,
	"tutor_agreed_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"reopened_at" timestamp with time zone,
	"reopened_by" uuid,
	"reopen_reason" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "learning_plan_item_files" ADD CONSTRAINT "learning_plan_item_files_item_id_learning_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."learning_plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plan_item_files" ADD CONSTRAINT "learning_plan_item_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plan_items" ADD CONSTRAINT "learning_plan_items_plan_id_learning_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."learning_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plan_items" ADD CONSTRAINT "learning_plan_items_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plan_items" ADD CONSTRAINT "learning_plan_items_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plan_items" ADD CONSTRAINT "learning_plan_items_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plan_items" ADD CONSTRAINT "learning_plan_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plan_items" ADD CONSTRAINT "learning_plan_items_mentor_staff_id_staff_id_fk" FOREIGN KEY ("mentor_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plan_items" ADD CONSTRAINT "learning_plan_items_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plan_items" ADD CONSTRAINT "learning_plan_items_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plans" ADD CONSTRAINT "learning_plans_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plans" ADD CONSTRAINT "learning_plans_tutor_user_id_users_id_fk" FOREIGN KEY ("tutor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plans" ADD CONSTRAINT "learning_plans_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plans" ADD CONSTRAINT "learning_plans_reopened_by_users_id_fk" FOREIGN KEY ("reopened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_plans" ADD CONSTRAINT "learning_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_plan_items_plan_idx" ON "learning_plan_items" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "learning_plans_staff_idx" ON "learning_plans" USING btree ("staff_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_plans_tutor_idx" ON "learning_plans" USING btree ("tutor_user_id","status");--> statement-breakpoint
CREATE INDEX "learning_plans_list_idx" ON "learning_plans" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_plans_open_idx" ON "learning_plans" USING btree ("staff_id") WHERE status <> 'completed';