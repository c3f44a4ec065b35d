ALTER TABLE "problem" ADD COLUMN "client_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "problem_client_uq" ON "problem" USING btree ("client_id");