-- Sensor rules and readings at scale.
--
-- Rules: `sensor_kind_rule` holds each kind's defaults (the values of `kindRules` in
-- packages/domain/src/alarm-rules.ts; prisma/test/schema.test.ts checks they agree). The rules in
-- force on a sensor are kept on its row (warn_threshold, alarm_threshold, rate_per_min,
-- offline_after_intervals), so ingest judges a reading without a join; `rules_overridden` names
-- the rules that are the sensor's own, the others follow the kind (and are rewritten when the
-- kind's defaults change). A rule set to NULL and overridden is switched off.
--
-- Readings: hourly aggregates maintained by ingest in the same transaction, so raw readings can
-- be dropped after the retention period while charts over months stay possible.

-- CreateTable
CREATE TABLE "sensor_kind_rule" (
    "kind" TEXT NOT NULL,
    "warn" DOUBLE PRECISION,
    "alarm" DOUBLE PRECISION,
    "rate_per_min" DOUBLE PRECISION,
    "offline_after_intervals" INTEGER NOT NULL DEFAULT 3,
    CONSTRAINT "sensor_kind_rule_pkey" PRIMARY KEY ("kind")
);

INSERT INTO "sensor_kind_rule" ("kind", "warn", "alarm", "rate_per_min", "offline_after_intervals") VALUES
    ('water_level', 4.5, 5.5, 0.02, 3),
    ('rainfall', 30, 50, NULL, 3),
    ('gas_ch4', 0.75, 1, 0.25, 3),
    ('gas_co', 24, 50, 10, 3),
    ('gas_h2s', 6.6, 10, 3, 3),
    ('gas_combustible', 25, 50, 10, 3),
    ('temperature', 35, 40, 2, 3),
    ('humidity', NULL, NULL, NULL, 3),
    ('wind_speed', 17.2, 24.5, NULL, 3),
    ('displacement', 20, 50, 0.5, 3),
    ('seismic', 10, 50, NULL, 3),
    ('smoke', 0.1, 0.2, NULL, 3),
    ('tank_level', 8, 9, 0.05, 3),
    ('tank_pressure', 1.6, 2, 0.1, 3),
    ('camera', NULL, NULL, NULL, 3),
    ('fire_hotspot', 320, 340, NULL, 3),
    ('uav_patrol', NULL, NULL, NULL, 3),
    ('crowd_observer', NULL, NULL, NULL, 3);

-- AlterTable
ALTER TABLE "sensor" ADD COLUMN "rate_per_min" DOUBLE PRECISION,
    ADD COLUMN "offline_after_intervals" INTEGER NOT NULL DEFAULT 3,
    ADD COLUMN "rules_overridden" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- Sensors stored before rules existed follow their kind, except thresholds set apart from it.
UPDATE "sensor" s
   SET "rate_per_min" = k."rate_per_min",
       "offline_after_intervals" = k."offline_after_intervals",
       "rules_overridden" = array_remove(ARRAY[
         CASE WHEN s."warn_threshold" IS DISTINCT FROM k."warn" THEN 'warn' END,
         CASE WHEN s."alarm_threshold" IS DISTINCT FROM k."alarm" THEN 'alarm' END
       ]::TEXT[], NULL)
  FROM "sensor_kind_rule" k
 WHERE k."kind" = s."kind";

-- The offline sweep's index: per silence window (interval × missed intervals), the sensors not yet
-- offline by their last reading, so a sweep reads only the sensors that have gone silent.
CREATE INDEX "sensor_silence_idx" ON "sensor"(("sampling_interval_s" * "offline_after_intervals"), "last_reading_at")
    WHERE "state" <> 'offline';

-- CreateTable
CREATE TABLE "sensor_reading_hourly" (
    "sensor_id" INTEGER NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "sensor_reading_hourly_pkey" PRIMARY KEY ("sensor_id","hour")
);

-- AddForeignKey
ALTER TABLE "sensor_reading_hourly" ADD CONSTRAINT "sensor_reading_hourly_sensor_id_fkey" FOREIGN KEY ("sensor_id") REFERENCES "sensor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "sensor_reading_hourly" ("sensor_id", "hour", "count", "sum", "min", "max")
SELECT "sensor_id", date_trunc('hour', "ts", 'UTC'), count(*), sum("value"), min("value"), max("value")
  FROM "sensor_reading"
 GROUP BY 1, 2;

-- Retention deletes by time: readings arrive nearly in time order, so a BRIN index finds the old
-- ones for almost nothing per insert (a B-tree on ts would cost every reading an index entry).
CREATE INDEX "sensor_reading_ts_idx" ON "sensor_reading" USING BRIN ("ts");
CREATE INDEX "sensor_reading_hourly_hour_idx" ON "sensor_reading_hourly" USING BRIN ("hour");
