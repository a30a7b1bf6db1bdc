-- Command and rescue (指挥救援): the incident's full record, its timeline, the assignments of teams
-- to it, the live positions of units, and the review of public reports.

-- The casualty figures the level suggestion reads (serious injuries and direct loss decide a level
-- as much as deaths do), who took the incident in, when it last changed, and the incident a
-- duplicate was merged into.
ALTER TABLE "incident"
    ADD COLUMN "seriously_injured" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "direct_loss_yuan" BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN "affected_people" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "reported_by" TEXT,
    ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ADD COLUMN "merged_into_id" INTEGER REFERENCES "incident"("id") ON DELETE SET NULL;
-- Duplicate detection looks for the same type nearby and recent among the incidents still open.
CREATE INDEX "incident_open_type_idx" ON "incident"("type", "occurred_at")
    WHERE "status" NOT IN ('closed', 'merged', 'cancelled');

-- Every event of an incident, in order: created, transitions, level changes, dispatches and each
-- step of an assignment, arrivals, notes, linked alarms and reports, merges. Append-only.
CREATE TABLE "incident_event" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL REFERENCES "incident"("id") ON DELETE CASCADE,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "incident_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "incident_event_incident_idx" ON "incident_event"("incident_id", "id");

-- A team sent to an incident, from the order to its return. The team's own status is the truth
-- of what it is doing now; the assignment keeps when each step happened.
CREATE TABLE "assignment" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL REFERENCES "incident"("id") ON DELETE CASCADE,
    "team_id" INTEGER NOT NULL REFERENCES "rescue_team"("id") ON DELETE CASCADE,
    "status" TEXT NOT NULL DEFAULT 'dispatched',
    "task" TEXT NOT NULL,
    "dispatched_by" TEXT NOT NULL,
    "dispatched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "en_route_at" TIMESTAMPTZ(3),
    "on_scene_at" TIMESTAMPTZ(3),
    "returning_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "arrival_source" TEXT,
    "eta_minutes" DOUBLE PRECISION,
    "distance_km" DOUBLE PRECISION,
    CONSTRAINT "assignment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "assignment_incident_idx" ON "assignment"("incident_id");
-- A team has at most one assignment in progress: the database's last word in a dispatch race.
CREATE UNIQUE INDEX "assignment_open_team_key" ON "assignment"("team_id") WHERE "ended_at" IS NULL;

-- Where units are: the latest position on the team (the map layer reads it), the track here. A
-- track is read by team and time, never by place, so it keeps plain coordinates: no geometry to
-- build and no spatial index to maintain for every position of every moving unit.
ALTER TABLE "rescue_team"
    ADD COLUMN "position_at" TIMESTAMPTZ(3),
    ADD COLUMN "speed_kmh" DOUBLE PRECISION,
    ADD COLUMN "heading" DOUBLE PRECISION;
CREATE TABLE "unit_position" (
    "team_id" INTEGER NOT NULL REFERENCES "rescue_team"("id") ON DELETE CASCADE,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "speed_kmh" DOUBLE PRECISION,
    "heading" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "unit_position_pkey" PRIMARY KEY ("team_id", "ts")
);
CREATE INDEX "unit_position_ts_idx" ON "unit_position"("ts");

-- Public reports: the reference the reporter is given, the review, a hash of where it came from
-- (to see floods from one source without keeping addresses), and the photo, re-encoded without
-- its metadata, in the database so that every API replica can serve it.
ALTER TABLE "public_report"
    ADD COLUMN "reference" TEXT,
    ADD COLUMN "source_hash" TEXT,
    ADD COLUMN "reviewed_by" TEXT,
    ADD COLUMN "reviewed_at" TIMESTAMPTZ(3),
    ADD COLUMN "review_note" TEXT,
    DROP COLUMN "photo_path";
UPDATE "public_report" SET "reference" = 'R' || lpad("id"::text, 8, '0') WHERE "reference" IS NULL;
ALTER TABLE "public_report" ALTER COLUMN "reference" SET NOT NULL;
CREATE UNIQUE INDEX "public_report_reference_key" ON "public_report"("reference");
CREATE INDEX "public_report_received_at_idx" ON "public_report"("received_at");
CREATE INDEX "public_report_incident_idx" ON "public_report"("incident_id");
-- The seed's first categories, in the words of the public-report form.
UPDATE "public_report" SET "category" = CASE "category"
    WHEN 'flooding' THEN 'flood'
    WHEN 'road_damage' THEN 'road_collapse'
    WHEN 'gas_smell' THEN 'chemical_smell'
    WHEN 'building_damage' THEN 'other'
    ELSE "category" END;

CREATE TABLE "public_report_photo" (
    "report_id" INTEGER NOT NULL REFERENCES "public_report"("id") ON DELETE CASCADE,
    "mime" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    CONSTRAINT "public_report_photo_pkey" PRIMARY KEY ("report_id")
);
