CREATE TABLE "result_current" (
	"tps_id" integer NOT NULL,
	"contest_id" integer NOT NULL,
	"submission_id" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"status_note" text,
	"status_by" text,
	"status_at" timestamp with time zone,
	"was_verified" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_desa_total" (
	"contest_id" integer NOT NULL,
	"desa_code" text NOT NULL,
	"key" text NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_photo" (
	"id" serial PRIMARY KEY NOT NULL,
	"tps_id" integer NOT NULL,
	"contest_id" integer NOT NULL,
	"sha256" text NOT NULL,
	"media_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_submission" (
	"id" serial PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"tps_id" integer NOT NULL,
	"contest_id" integer NOT NULL,
	"version" integer NOT NULL,
	"form" jsonb NOT NULL,
	"registered" integer NOT NULL,
	"voted" integer NOT NULL,
	"valid" integer NOT NULL,
	"invalid" integer NOT NULL,
	"reason" text,
	"anomalies" jsonb NOT NULL,
	"submitted_by" integer,
	"submitted_by_name" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "result_submission_client_id_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "result_vote" (
	"submission_id" integer NOT NULL,
	"selection_id" integer NOT NULL,
	"votes" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "result_current" ADD CONSTRAINT "result_current_tps_id_tps_id_fk" FOREIGN KEY ("tps_id") REFERENCES "public"."tps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_current" ADD CONSTRAINT "result_current_contest_id_contest_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contest"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_current" ADD CONSTRAINT "result_current_submission_id_result_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."result_submission"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_photo" ADD CONSTRAINT "result_photo_tps_id_tps_id_fk" FOREIGN KEY ("tps_id") REFERENCES "public"."tps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_photo" ADD CONSTRAINT "result_photo_contest_id_contest_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contest"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_submission" ADD CONSTRAINT "result_submission_tps_id_tps_id_fk" FOREIGN KEY ("tps_id") REFERENCES "public"."tps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_submission" ADD CONSTRAINT "result_submission_contest_id_contest_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contest"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_vote" ADD CONSTRAINT "result_vote_submission_id_result_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."result_submission"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_vote" ADD CONSTRAINT "result_vote_selection_id_candidate_pair_id_fk" FOREIGN KEY ("selection_id") REFERENCES "public"."candidate_pair"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "result_current_pk" ON "result_current" USING btree ("tps_id","contest_id");--> statement-breakpoint
CREATE UNIQUE INDEX "result_desa_total_pk" ON "result_desa_total" USING btree ("contest_id","desa_code","key");--> statement-breakpoint
CREATE UNIQUE INDEX "result_photo_uq" ON "result_photo" USING btree ("tps_id","contest_id","sha256");--> statement-breakpoint
CREATE INDEX "result_photo_sha_idx" ON "result_photo" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "result_version_uq" ON "result_submission" USING btree ("tps_id","contest_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "result_vote_uq" ON "result_vote" USING btree ("submission_id","selection_id");