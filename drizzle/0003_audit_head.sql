CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_hash" text NOT NULL,
	CONSTRAINT "audit_head_single_row" CHECK ("audit_head"."id" = 1)
);
--> statement-breakpoint
-- hand-written: the head starts at the chain's current end (or the genesis hash).
INSERT INTO "audit_head" ("id", "last_hash")
SELECT 1, coalesce((SELECT "hash" FROM "audit_log" ORDER BY "id" DESC LIMIT 1), repeat('0', 64));
