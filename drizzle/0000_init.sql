CREATE TABLE "candidate_pair" (
	"id" serial PRIMARY KEY NOT NULL,
	"contest_id" integer NOT NULL,
	"ballot_number" integer,
	"head_name" text NOT NULL,
	"deputy_name" text,
	"is_kolom_kosong" boolean DEFAULT false NOT NULL,
	CONSTRAINT "pair_number_or_kolom_kosong" CHECK (("candidate_pair"."is_kolom_kosong" and "candidate_pair"."ballot_number" is null) or (not "candidate_pair"."is_kolom_kosong" and "candidate_pair"."ballot_number" is not null))
);
--> statement-breakpoint
CREATE TABLE "contest" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"voting_day" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "korwil" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"ordinal" integer NOT NULL,
	"chair" text,
	CONSTRAINT "korwil_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "region" (
	"code" text PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"parent_code" text,
	"name" text NOT NULL,
	"korwil_id" integer
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"notes" text,
	CONSTRAINT "stage_end_not_before_start" CHECK ("stage"."ends_on" >= "stage"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "tps" (
	"id" serial PRIMARY KEY NOT NULL,
	"desa_code" text NOT NULL,
	"number" integer NOT NULL,
	"voters" integer NOT NULL,
	"address" text,
	"status" text DEFAULT 'aktif' NOT NULL,
	"retired_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tps_voters_nonnegative" CHECK ("tps"."voters" >= 0),
	CONSTRAINT "tps_number_positive" CHECK ("tps"."number" > 0)
);
--> statement-breakpoint
ALTER TABLE "candidate_pair" ADD CONSTRAINT "candidate_pair_contest_id_contest_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contest"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region" ADD CONSTRAINT "region_korwil_id_korwil_id_fk" FOREIGN KEY ("korwil_id") REFERENCES "public"."korwil"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tps" ADD CONSTRAINT "tps_desa_code_region_code_fk" FOREIGN KEY ("desa_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pair_ballot_number_uq" ON "candidate_pair" USING btree ("contest_id","ballot_number");--> statement-breakpoint
CREATE INDEX "region_parent_idx" ON "region" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "region_korwil_idx" ON "region" USING btree ("korwil_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tps_active_number_uq" ON "tps" USING btree ("desa_code","number") WHERE "tps"."status" = 'aktif';