CREATE TABLE "news_event" (
	"id" serial PRIMARY KEY NOT NULL,
	"news_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"actor_user_id" integer,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "news_item" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"place" text NOT NULL,
	"news_date" date NOT NULL,
	"body_html" text NOT NULL,
	"excerpt" text NOT NULL,
	"people" jsonb NOT NULL,
	"status" text DEFAULT 'draf' NOT NULL,
	"author_user_id" integer,
	"author_name" text,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "news_photo" (
	"id" serial PRIMARY KEY NOT NULL,
	"news_id" integer NOT NULL,
	"sha256" text NOT NULL,
	"media_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"caption" text,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "news_event" ADD CONSTRAINT "news_event_news_id_news_item_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_event" ADD CONSTRAINT "news_event_actor_user_id_app_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_item" ADD CONSTRAINT "news_item_author_user_id_app_user_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_photo" ADD CONSTRAINT "news_photo_news_id_news_item_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "news_event_news_idx" ON "news_event" USING btree ("news_id");--> statement-breakpoint
CREATE UNIQUE INDEX "news_item_slug_uq" ON "news_item" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "news_item_status_idx" ON "news_item" USING btree ("status","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "news_photo_uq" ON "news_photo" USING btree ("news_id","sha256");