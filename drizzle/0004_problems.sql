CREATE TABLE "problem" (
	"id" serial PRIMARY KEY NOT NULL,
	"tracking_code" text NOT NULL,
	"source" text NOT NULL,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'baru' NOT NULL,
	"kecamatan_code" text NOT NULL,
	"desa_code" text,
	"tps_id" integer,
	"occurred_at" timestamp with time zone NOT NULL,
	"description" text NOT NULL,
	"people" text,
	"details" jsonb,
	"reporter_user_id" integer,
	"reporter_name" text,
	"contact_name" text,
	"contact_phone" text,
	"reporter_address" text,
	"assignee_user_id" integer,
	"current_agency" text,
	"merged_into_id" integer,
	"resolution" text,
	"rejection_reason" text,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "problem_comment" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_id" integer NOT NULL,
	"body" text NOT NULL,
	"author_user_id" integer,
	"author_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_event" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_id" integer NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"actor_user_id" integer,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_photo" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_id" integer NOT NULL,
	"sha256" text NOT NULL,
	"media_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_public_throttle" (
	"address" text PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_referral" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_id" integer NOT NULL,
	"agency" text NOT NULL,
	"agency_name" text,
	"referred_on" date NOT NULL,
	"reference_number" text,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_referral_update" (
	"id" serial PRIMARY KEY NOT NULL,
	"referral_id" integer NOT NULL,
	"status" text NOT NULL,
	"note" text NOT NULL,
	"reference_number" text,
	"by" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "problem" ADD CONSTRAINT "problem_kecamatan_code_region_code_fk" FOREIGN KEY ("kecamatan_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem" ADD CONSTRAINT "problem_desa_code_region_code_fk" FOREIGN KEY ("desa_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem" ADD CONSTRAINT "problem_tps_id_tps_id_fk" FOREIGN KEY ("tps_id") REFERENCES "public"."tps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem" ADD CONSTRAINT "problem_reporter_user_id_app_user_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem" ADD CONSTRAINT "problem_assignee_user_id_app_user_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_comment" ADD CONSTRAINT "problem_comment_problem_id_problem_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problem"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_event" ADD CONSTRAINT "problem_event_problem_id_problem_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problem"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_photo" ADD CONSTRAINT "problem_photo_problem_id_problem_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problem"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_referral" ADD CONSTRAINT "problem_referral_problem_id_problem_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problem"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_referral_update" ADD CONSTRAINT "problem_referral_update_referral_id_problem_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."problem_referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "problem_tracking_uq" ON "problem" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "problem_status_idx" ON "problem" USING btree ("status");--> statement-breakpoint
CREATE INDEX "problem_place_idx" ON "problem" USING btree ("kecamatan_code","category");--> statement-breakpoint
CREATE INDEX "problem_comment_problem_idx" ON "problem_comment" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "problem_event_problem_idx" ON "problem_event" USING btree ("problem_id");--> statement-breakpoint
CREATE UNIQUE INDEX "problem_photo_uq" ON "problem_photo" USING btree ("problem_id","sha256");--> statement-breakpoint
CREATE INDEX "problem_referral_problem_idx" ON "problem_referral" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "problem_referral_update_idx" ON "problem_referral_update" USING btree ("referral_id");