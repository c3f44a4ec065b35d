CREATE TABLE "adhoc_member" (
	"id" serial PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"position" text NOT NULL,
	"region_code" text NOT NULL,
	"kecamatan_code" text NOT NULL,
	"tps_id" integer,
	"name" text NOT NULL,
	"nik" text NOT NULL,
	"phone" text,
	"sworn_in_on" date,
	"user_id" integer,
	"code_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asn" (
	"id" serial PRIMARY KEY NOT NULL,
	"nip" text NOT NULL,
	"name" text NOT NULL,
	"office" text NOT NULL,
	"phone" text,
	"tps_id" integer NOT NULL,
	"voted_at" timestamp with time zone,
	CONSTRAINT "asn_nip_unique" UNIQUE("nip")
);
--> statement-breakpoint
CREATE TABLE "bimtek_attendance" (
	"wave_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"day" date NOT NULL,
	"method" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bimtek_attendance_wave_id_member_id_day_pk" PRIMARY KEY("wave_id","member_id","day")
);
--> statement-breakpoint
CREATE TABLE "bimtek_event" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"venue" text NOT NULL,
	"organiser" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bimtek_material" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bimtek_score" (
	"wave_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"pre_test" integer,
	"post_test" integer,
	CONSTRAINT "bimtek_score_wave_id_member_id_pk" PRIMARY KEY("wave_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "bimtek_session" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"wave_id" integer,
	"topic" text NOT NULL,
	"speaker" text NOT NULL,
	"speaker_organisation" text NOT NULL,
	"external" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bimtek_wave" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"venue" text
);
--> statement-breakpoint
CREATE TABLE "bimtek_wave_kecamatan" (
	"wave_id" integer NOT NULL,
	"event_id" integer NOT NULL,
	"kecamatan_code" text NOT NULL,
	CONSTRAINT "bimtek_wave_kecamatan_wave_id_kecamatan_code_pk" PRIMARY KEY("wave_id","kecamatan_code")
);
--> statement-breakpoint
CREATE TABLE "desk_position" (
	"id" serial PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"nip" text,
	"office" text NOT NULL,
	"phone" text,
	"korwil_id" integer,
	"kecamatan_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "adhoc_member" ADD CONSTRAINT "adhoc_member_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adhoc_member" ADD CONSTRAINT "adhoc_member_tps_id_tps_id_fk" FOREIGN KEY ("tps_id") REFERENCES "public"."tps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adhoc_member" ADD CONSTRAINT "adhoc_member_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asn" ADD CONSTRAINT "asn_tps_id_tps_id_fk" FOREIGN KEY ("tps_id") REFERENCES "public"."tps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bimtek_attendance" ADD CONSTRAINT "bimtek_attendance_wave_id_bimtek_wave_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."bimtek_wave"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bimtek_attendance" ADD CONSTRAINT "bimtek_attendance_member_id_adhoc_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."adhoc_member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bimtek_material" ADD CONSTRAINT "bimtek_material_event_id_bimtek_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."bimtek_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bimtek_score" ADD CONSTRAINT "bimtek_score_wave_id_bimtek_wave_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."bimtek_wave"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bimtek_score" ADD CONSTRAINT "bimtek_score_member_id_adhoc_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."adhoc_member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bimtek_session" ADD CONSTRAINT "bimtek_session_event_id_bimtek_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."bimtek_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bimtek_session" ADD CONSTRAINT "bimtek_session_wave_id_bimtek_wave_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."bimtek_wave"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bimtek_wave" ADD CONSTRAINT "bimtek_wave_event_id_bimtek_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."bimtek_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bimtek_wave_kecamatan" ADD CONSTRAINT "bimtek_wave_kecamatan_wave_id_bimtek_wave_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."bimtek_wave"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bimtek_wave_kecamatan" ADD CONSTRAINT "bimtek_wave_kecamatan_event_id_bimtek_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."bimtek_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bimtek_wave_kecamatan" ADD CONSTRAINT "bimtek_wave_kecamatan_kecamatan_code_region_code_fk" FOREIGN KEY ("kecamatan_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_position" ADD CONSTRAINT "desk_position_korwil_id_korwil_id_fk" FOREIGN KEY ("korwil_id") REFERENCES "public"."korwil"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_position" ADD CONSTRAINT "desk_position_kecamatan_code_region_code_fk" FOREIGN KEY ("kecamatan_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "adhoc_member_nik_uq" ON "adhoc_member" USING btree ("body","nik");--> statement-breakpoint
CREATE INDEX "adhoc_member_unit_idx" ON "adhoc_member" USING btree ("body","region_code");--> statement-breakpoint
CREATE INDEX "adhoc_member_kecamatan_idx" ON "adhoc_member" USING btree ("body","kecamatan_code");--> statement-breakpoint
CREATE UNIQUE INDEX "adhoc_member_ketua_region_uq" ON "adhoc_member" USING btree ("body","region_code") WHERE "adhoc_member"."position" = 'ketua' and "adhoc_member"."tps_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "adhoc_member_ketua_tps_uq" ON "adhoc_member" USING btree ("body","tps_id") WHERE "adhoc_member"."position" = 'ketua' and "adhoc_member"."tps_id" is not null;--> statement-breakpoint
CREATE INDEX "asn_tps_idx" ON "asn" USING btree ("tps_id");--> statement-breakpoint
CREATE INDEX "asn_office_idx" ON "asn" USING btree ("office");--> statement-breakpoint
CREATE UNIQUE INDEX "bimtek_material_uq" ON "bimtek_material" USING btree ("event_id","sha256");--> statement-breakpoint
CREATE INDEX "bimtek_wave_event_idx" ON "bimtek_wave" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bimtek_wave_kecamatan_event_uq" ON "bimtek_wave_kecamatan" USING btree ("event_id","kecamatan_code");--> statement-breakpoint
CREATE UNIQUE INDEX "desk_position_single_uq" ON "desk_position" USING btree ("role") WHERE "desk_position"."role" in ('ketua', 'sekretaris');--> statement-breakpoint
CREATE UNIQUE INDEX "desk_position_korwil_uq" ON "desk_position" USING btree ("korwil_id") WHERE "desk_position"."role" = 'ketua_korwil';--> statement-breakpoint
CREATE UNIQUE INDEX "desk_position_pembina_uq" ON "desk_position" USING btree ("kecamatan_code") WHERE "desk_position"."role" = 'pembina';