DROP TABLE "result_desa_total" CASCADE;--> statement-breakpoint
DROP TABLE "result_vote" CASCADE;