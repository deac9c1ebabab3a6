CREATE TABLE "practice_authors" (
	"practice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"staff_id" uuid,
	"full_name" text NOT NULL,
	"organization_name" text NOT NULL,
	CONSTRAINT "practice_authors_practice_id_position_pk" PRIMARY KEY("practice_id","position")
);
--> statement-breakpoint
CREATE TABLE "practice_disseminations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"place" text,
	"url" text,
	"event_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_experts" (
	"practice_id" uuid NOT NULL,
	"expert_user_id" uuid NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_experts_practice_id_expert_user_id_pk" PRIMARY KEY("practice_id","expert_user_id")
);
--> statement-breakpoint
CREATE TABLE "practice_files" (
	"practice_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "practice_files_practice_id_file_id_pk" PRIMARY KEY("practice_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "practice_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"status" text NOT NULL,
	"round" integer NOT NULL,
	"comment" text,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"expert_user_id" uuid NOT NULL,
	"expert_name" text NOT NULL,
	"scores" jsonb NOT NULL,
	"average" numeric(4, 2) NOT NULL,
	"recommendation" text NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text,
	"level" text NOT NULL,
	"description" text NOT NULL,
	"results" text,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"organization_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"decision_comment" text,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "communities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"territory_id" uuid NOT NULL,
	"organization_id" uuid,
	"topic" text NOT NULL,
	"url" text,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "educational_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"title" text NOT NULL,
	"url" text NOT NULL,
	"topic" text NOT NULL,
	"audiences" text[] DEFAULT '{}' NOT NULL,
	"description" text,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "innovation_sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"topic" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date,
	"order_ref" text,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "practice_authors" ADD CONSTRAINT "practice_authors_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_authors" ADD CONSTRAINT "practice_authors_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_disseminations" ADD CONSTRAINT "practice_disseminations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_disseminations" ADD CONSTRAINT "practice_disseminations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_experts" ADD CONSTRAINT "practice_experts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_experts" ADD CONSTRAINT "practice_experts_expert_user_id_users_id_fk" FOREIGN KEY ("expert_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_experts" ADD CONSTRAINT "practice_experts_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_files" ADD CONSTRAINT "practice_files_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_files" ADD CONSTRAINT "practice_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_history" ADD CONSTRAINT "practice_history_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_reviews" ADD CONSTRAINT "practice_reviews_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_reviews" ADD CONSTRAINT "practice_reviews_expert_user_id_users_id_fk" FOREIGN KEY ("expert_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_region_id_territories_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "educational_resources" ADD CONSTRAINT "educational_resources_region_id_territories_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "innovation_sites" ADD CONSTRAINT "innovation_sites_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "innovation_sites" ADD CONSTRAINT "innovation_sites_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practice_authors_staff_idx" ON "practice_authors" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "practice_disseminations_practice_idx" ON "practice_disseminations" USING btree ("practice_id","held_on");--> statement-breakpoint
CREATE INDEX "practice_experts_expert_idx" ON "practice_experts" USING btree ("expert_user_id");--> statement-breakpoint
CREATE INDEX "practice_history_practice_idx" ON "practice_history" USING btree ("practice_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "practice_reviews_round_idx" ON "practice_reviews" USING btree ("practice_id","round","expert_user_id");--> statement-breakpoint
CREATE INDEX "practices_status_idx" ON "practices" USING btree ("status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "practices_published_idx" ON "practices" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "practices_organization_idx" ON "practices" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "practices_territory_idx" ON "practices" USING btree ("territory_id");--> statement-breakpoint
CREATE INDEX "communities_territory_idx" ON "communities" USING btree ("territory_id","name","id");--> statement-breakpoint
CREATE INDEX "educational_resources_topic_idx" ON "educational_resources" USING btree ("region_id","topic","title","id");--> statement-breakpoint
CREATE INDEX "innovation_sites_territory_idx" ON "innovation_sites" USING btree ("territory_id");--> statement-breakpoint
CREATE INDEX "innovation_sites_org_idx" ON "innovation_sites" USING btree ("organization_id");