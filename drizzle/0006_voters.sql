CREATE TABLE "cek_dpt_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"address" text NOT NULL,
	"masked_nik" text NOT NULL,
	"found" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dps_tanggapan" (
	"id" serial PRIMARY KEY NOT NULL,
	"desa_code" text NOT NULL,
	"voter_id" integer,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"submitter_name" text,
	"recorded_by" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"resolution" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "voter" (
	"id" serial PRIMARY KEY NOT NULL,
	"nik" text NOT NULL,
	"nkk" text NOT NULL,
	"name" text NOT NULL,
	"birth_place" text NOT NULL,
	"birth_date" date NOT NULL,
	"marital" text NOT NULL,
	"sex" text NOT NULL,
	"address" text NOT NULL,
	"rt" text NOT NULL,
	"rw" text NOT NULL,
	"disability" text,
	"ktp_el" text NOT NULL,
	"remarks" text,
	"desa_code" text NOT NULL,
	"tps_id" integer NOT NULL,
	"source" text NOT NULL,
	"import_id" integer,
	"import_line" integer,
	"new_reason" text,
	"coklit_status" text,
	"tms_code" integer,
	"coklit_at" timestamp with time zone,
	CONSTRAINT "voter_tms_code" CHECK ("voter"."tms_code" is null or "voter"."tms_code" between 1 and 8)
);
--> statement-breakpoint
CREATE TABLE "voter_event" (
	"id" serial PRIMARY KEY NOT NULL,
	"voter_id" integer NOT NULL,
	"kind" text NOT NULL,
	"tms_code" integer,
	"changes" jsonb NOT NULL,
	"reason" text,
	"tps_id" integer NOT NULL,
	"sticker" text,
	"latitude" double precision,
	"longitude" double precision,
	"client_id" text,
	"by_user_id" integer,
	"by_username" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voter_import" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_accepted" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"by_user_id" integer,
	"by_username" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "voter_import_rejection" (
	"id" serial PRIMARY KEY NOT NULL,
	"import_id" integer NOT NULL,
	"line" integer NOT NULL,
	"field" text NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voter_list" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"desa_code" text NOT NULL,
	"version" integer NOT NULL,
	"men" integer NOT NULL,
	"women" integer NOT NULL,
	"total" integer NOT NULL,
	"compiled_by" text,
	"compiled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voter_list_entry" (
	"list_id" integer NOT NULL,
	"voter_id" integer NOT NULL,
	"tps_id" integer NOT NULL,
	"sex" text NOT NULL,
	CONSTRAINT "voter_list_entry_list_id_voter_id_pk" PRIMARY KEY("list_id","voter_id")
);
--> statement-breakpoint
CREATE TABLE "voter_tps_tally" (
	"tps_id" integer NOT NULL,
	"key" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "voter_tps_tally_tps_id_key_pk" PRIMARY KEY("tps_id","key")
);
--> statement-breakpoint
ALTER TABLE "dps_tanggapan" ADD CONSTRAINT "dps_tanggapan_voter_id_voter_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."voter"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter" ADD CONSTRAINT "voter_desa_code_region_code_fk" FOREIGN KEY ("desa_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter" ADD CONSTRAINT "voter_tps_id_tps_id_fk" FOREIGN KEY ("tps_id") REFERENCES "public"."tps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter" ADD CONSTRAINT "voter_import_id_voter_import_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."voter_import"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter_event" ADD CONSTRAINT "voter_event_voter_id_voter_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."voter"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter_import_rejection" ADD CONSTRAINT "voter_import_rejection_import_id_voter_import_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."voter_import"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter_list_entry" ADD CONSTRAINT "voter_list_entry_list_id_voter_list_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."voter_list"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter_list_entry" ADD CONSTRAINT "voter_list_entry_voter_id_voter_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."voter"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cek_dpt_log_address_at_idx" ON "cek_dpt_log" USING btree ("address","at");--> statement-breakpoint
CREATE INDEX "dps_tanggapan_desa_idx" ON "dps_tanggapan" USING btree ("desa_code");--> statement-breakpoint
CREATE UNIQUE INDEX "voter_nik_uq" ON "voter" USING btree ("nik");--> statement-breakpoint
CREATE INDEX "voter_tps_idx" ON "voter" USING btree ("tps_id");--> statement-breakpoint
CREATE INDEX "voter_event_voter_idx" ON "voter_event" USING btree ("voter_id");--> statement-breakpoint
CREATE INDEX "voter_event_tps_at_idx" ON "voter_event" USING btree ("tps_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "voter_event_client_uq" ON "voter_event" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "voter_import_rejection_import_idx" ON "voter_import_rejection" USING btree ("import_id","line");--> statement-breakpoint
CREATE UNIQUE INDEX "voter_list_version_uq" ON "voter_list" USING btree ("kind","desa_code","version");--> statement-breakpoint
CREATE INDEX "voter_list_entry_voter_idx" ON "voter_list_entry" USING btree ("voter_id");