CREATE TABLE "result_desa_total" (
	"contest_id" integer NOT NULL,
	"desa_code" text NOT NULL,
	"registered" integer NOT NULL,
	"voted" integer NOT NULL,
	"valid" integer NOT NULL,
	"invalid" integer NOT NULL,
	"reported" integer NOT NULL,
	"verified" integer NOT NULL,
	"votes" jsonb NOT NULL,
	CONSTRAINT "result_desa_total_contest_id_desa_code_pk" PRIMARY KEY("contest_id","desa_code")
);
--> statement-breakpoint
-- hand-written: the totals recomputed from the leaves (each TPS × contest's
-- current version), as `desk-pilkada results verify` does.
INSERT INTO "result_desa_total" ("contest_id", "desa_code", "registered", "voted", "valid",
  "invalid", "reported", "verified", "votes")
SELECT l."contest_id", l."desa_code", sum(l."registered")::int, sum(l."voted")::int,
  sum(l."valid")::int, sum(l."invalid")::int, count(*)::int,
  (count(*) FILTER (WHERE l."status" = 'verified'))::int,
  coalesce((
    SELECT jsonb_object_agg(v."selection", v."votes")
    FROM (
      SELECT x."selectionId"::text AS "selection", sum(x."votes")::int AS "votes"
      FROM "result_current" c2
      JOIN "result_submission" s2 ON s2."id" = c2."submission_id"
      JOIN "tps" t2 ON t2."id" = c2."tps_id"
      CROSS JOIN jsonb_to_recordset(s2."form" -> 'votes') AS x ("selectionId" int, "votes" int)
      WHERE c2."contest_id" = l."contest_id" AND t2."desa_code" = l."desa_code"
      GROUP BY x."selectionId"
    ) v
  ), '{}'::jsonb)
FROM (
  SELECT c."contest_id", t."desa_code", c."status", s."registered", s."voted", s."valid", s."invalid"
  FROM "result_current" c
  JOIN "result_submission" s ON s."id" = c."submission_id"
  JOIN "tps" t ON t."id" = c."tps_id"
) l
GROUP BY l."contest_id", l."desa_code";
