CREATE TABLE "desk_report" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"period_date" date NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"trigger" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"generated_by" text,
	"has_data" boolean NOT NULL,
	"pdf" "bytea" NOT NULL,
	"bytes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "desk_report_sequence" (
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "desk_report_number_uq" ON "desk_report" USING btree ("kind","year","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "desk_report_scheduled_uq" ON "desk_report" USING btree ("kind","period_date") WHERE "desk_report"."trigger" = 'jadwal';--> statement-breakpoint
CREATE INDEX "desk_report_period_idx" ON "desk_report" USING btree ("period_date");--> statement-breakpoint
CREATE UNIQUE INDEX "desk_report_sequence_pk" ON "desk_report_sequence" USING btree ("kind","year");