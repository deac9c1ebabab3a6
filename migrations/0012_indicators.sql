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
ALTER TABLE "indicator_definitions" ADD CONSTRAINT "indicator_definitions_region_id_territories_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_definitions" ADD CONSTRAINT "indicator_definitions_responsible_organization_id_organizations_id_fk" FOREIGN KEY ("responsible_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_definitions" ADD CONSTRAINT "indicator_definitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_entered_values" ADD CONSTRAINT "indicator_entered_values_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_entered_values" ADD CONSTRAINT "indicator_entered_values_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_entered_values" ADD CONSTRAINT "indicator_entered_values_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_entered_values_period_idx" ON "indicator_entered_values" USING btree ("code","period");