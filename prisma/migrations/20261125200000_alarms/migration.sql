-- Sensor alarms: one open alarm per sensor and rule (a partial unique index), escalated, cleared
-- with hysteresis by the ingest path, acknowledged by people.

-- CreateTable
CREATE TABLE "alarm" (
    "id" SERIAL NOT NULL,
    "sensor_id" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "raised_at" TIMESTAMPTZ(3) NOT NULL,
    "raised_value" DOUBLE PRECISION,
    "last_value" DOUBLE PRECISION,
    "peak_value" DOUBLE PRECISION,
    "cleared_at" TIMESTAMPTZ(3),
    "acknowledged_by" TEXT,
    "acknowledged_at" TIMESTAMPTZ(3),
    "ack_comment" TEXT,
    CONSTRAINT "alarm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alarm_sensor_id_idx" ON "alarm"("sensor_id");
CREATE INDEX "alarm_state_idx" ON "alarm"("state");
CREATE UNIQUE INDEX "alarm_one_active_per_sensor_rule" ON "alarm"("sensor_id", "rule") WHERE "state" <> 'cleared';

-- AddForeignKey
ALTER TABLE "alarm" ADD CONSTRAINT "alarm_sensor_id_fkey" FOREIGN KEY ("sensor_id") REFERENCES "sensor"("id") ON DELETE CASCADE ON UPDATE CASCADE;
