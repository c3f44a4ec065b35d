ALTER TABLE "tps" ADD CONSTRAINT "tps_id_desa_uq" UNIQUE("id","desa_code");--> statement-breakpoint
ALTER TABLE "voter" DROP CONSTRAINT "voter_desa_code_region_code_fk";
--> statement-breakpoint
ALTER TABLE "voter" DROP CONSTRAINT "voter_tps_id_tps_id_fk";
--> statement-breakpoint
ALTER TABLE "voter" ADD CONSTRAINT "voter_tps_desa_fk" FOREIGN KEY ("tps_id","desa_code") REFERENCES "public"."tps"("id","desa_code") ON DELETE no action ON UPDATE no action;
