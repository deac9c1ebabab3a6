CREATE TABLE "assessment_competencies" (
	"assessment_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"threshold" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "assessment_competencies_assessment_id_competency_id_pk" PRIMARY KEY("assessment_id","competency_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_participants" (
	"assessment_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_participants_assessment_id_staff_id_pk" PRIMARY KEY("assessment_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	"measured_on" date NOT NULL,
	"source" text NOT NULL,
	"import_batch_id" uuid,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"tool" text NOT NULL,
	"organizer_organization_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"target_staff_category" text,
	"target_low_results_schools" boolean DEFAULT false NOT NULL,
	"target_description" text,
	"windows" jsonb NOT NULL,
	"year" integer NOT NULL,
	"catalog_revision" integer NOT NULL,
	"created_by" uuid,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "assessment_competencies" ADD CONSTRAINT "assessment_competencies_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_competencies" ADD CONSTRAINT "assessment_competencies_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_organizer_organization_id_organizations_id_fk" FOREIGN KEY ("organizer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_participants_staff_idx" ON "assessment_participants" USING btree ("staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_results_unique_idx" ON "assessment_results" USING btree ("assessment_id","staff_id","competency_id");--> statement-breakpoint
CREATE INDEX "assessment_results_staff_idx" ON "assessment_results" USING btree ("staff_id","competency_id","measured_on");--> statement-breakpoint
CREATE INDEX "assessments_territory_idx" ON "assessments" USING btree ("territory_id","year");--> statement-breakpoint
CREATE INDEX "assessments_organizer_idx" ON "assessments" USING btree ("organizer_organization_id");--> statement-breakpoint
CREATE INDEX "assessments_list_idx" ON "assessments" USING btree ("year","created_at","id");