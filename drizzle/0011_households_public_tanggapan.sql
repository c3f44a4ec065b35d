CREATE TABLE "coklit_household" (
	"id" serial PRIMARY KEY NOT NULL,
	"tps_id" integer NOT NULL,
	"nkk" text NOT NULL,
	"sequence" integer NOT NULL,
	"sticker" text NOT NULL,
	"first_visit_at" timestamp with time zone NOT NULL,
	"by_user_id" integer,
	"by_username" text,
	"latitude" double precision,
	"longitude" double precision
);
--> statement-breakpoint
CREATE TABLE "coklit_household_photo" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"sha256" text NOT NULL,
	"media_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dps_tanggapan" ADD COLUMN "submitter_contact" text;--> statement-breakpoint
ALTER TABLE "dps_tanggapan" ADD COLUMN "source" text DEFAULT 'pps' NOT NULL;--> statement-breakpoint
ALTER TABLE "dps_tanggapan" ADD COLUMN "tracking_code" text;--> statement-breakpoint
ALTER TABLE "voter_event" ADD COLUMN "household_id" integer;--> statement-breakpoint
ALTER TABLE "coklit_household" ADD CONSTRAINT "coklit_household_tps_id_tps_id_fk" FOREIGN KEY ("tps_id") REFERENCES "public"."tps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coklit_household_photo" ADD CONSTRAINT "coklit_household_photo_household_id_coklit_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."coklit_household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coklit_household_tps_nkk_uq" ON "coklit_household" USING btree ("tps_id","nkk");--> statement-breakpoint
CREATE UNIQUE INDEX "coklit_household_tps_seq_uq" ON "coklit_household" USING btree ("tps_id","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "coklit_household_sticker_uq" ON "coklit_household" USING btree ("sticker");--> statement-breakpoint
CREATE UNIQUE INDEX "coklit_household_photo_uq" ON "coklit_household_photo" USING btree ("household_id","sha256");--> statement-breakpoint
CREATE INDEX "coklit_household_photo_sha_idx" ON "coklit_household_photo" USING btree ("sha256");--> statement-breakpoint
ALTER TABLE "voter_event" ADD CONSTRAINT "voter_event_household_id_coklit_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."coklit_household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dps_tanggapan_tracking_uq" ON "dps_tanggapan" USING btree ("tracking_code");