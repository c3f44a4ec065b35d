ALTER TABLE "result_desa_total" ADD COLUMN "turnouts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- hand-written: each desa's turnouts from the leaves (each TPS × contest's
-- current version), as `desk-pilkada results verify` recomputes them.
UPDATE "result_desa_total" d SET "turnouts" = coalesce((
  SELECT jsonb_object_agg(c."tps_id"::text, jsonb_build_array(s."registered", s."voted"))
  FROM "result_current" c
  JOIN "result_submission" s ON s."id" = c."submission_id"
  JOIN "tps" t ON t."id" = c."tps_id"
  WHERE c."contest_id" = d."contest_id" AND t."desa_code" = d."desa_code"
), '{}'::jsonb);
