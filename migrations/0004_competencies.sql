CREATE TABLE "competencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"labour_function_codes" text[] DEFAULT '{}' NOT NULL,
	"position" integer NOT NULL,
	"introduced_revision" integer NOT NULL,
	"retired_revision" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competency_catalog_revisions" (
	"number" integer PRIMARY KEY NOT NULL,
	"summary" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competency_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"audience" text DEFAULT 'all' NOT NULL,
	"position" integer NOT NULL,
	"introduced_revision" integer NOT NULL,
	"retired_revision" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "labour_functions" (
	"code" text PRIMARY KEY NOT NULL,
	"generalized_code" text NOT NULL,
	"generalized_name" text NOT NULL,
	"name" text NOT NULL,
	"standard_code" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "competencies" ADD CONSTRAINT "competencies_group_id_competency_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."competency_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_catalog_revisions" ADD CONSTRAINT "competency_catalog_revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "competencies_code_idx" ON "competencies" USING btree ("code");--> statement-breakpoint
CREATE INDEX "competencies_group_idx" ON "competencies" USING btree ("group_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "competency_groups_code_idx" ON "competency_groups" USING btree ("code");