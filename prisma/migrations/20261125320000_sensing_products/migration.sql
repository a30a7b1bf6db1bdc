-- The other sensing channels: remote-sensing products (satellite and aerial: fire hotspots, flood
-- extents, imagery footprints…), drone flights with a timed track, and the view of each camera.

-- CreateTable
CREATE TABLE "remote_sensing_product" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "sensor" TEXT,
    "source" TEXT,
    "external_id" TEXT,
    "acquired_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "region_code" TEXT NOT NULL,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "geometry" geometry(Geometry, 4326) NOT NULL,
    CONSTRAINT "remote_sensing_product_pkey" PRIMARY KEY ("id")
);

-- A drone flight's track: M holds each vertex's time (seconds since the epoch), so PostGIS's
-- trajectory functions (ST_IsValidTrajectory, ST_ClosestPointOfApproach) apply as they are.
CREATE TABLE "drone_flight" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "team" TEXT,
    "status" TEXT NOT NULL DEFAULT 'completed',
    "region_code" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "path" geometry(LineStringM, 4326) NOT NULL,
    CONSTRAINT "drone_flight_pkey" PRIMARY KEY ("id")
);

-- What a camera (a sensor of kind 'camera') sees: the wedge drawn on the map, and its stream.
CREATE TABLE "camera_view" (
    "sensor_id" INTEGER NOT NULL,
    "bearing_deg" DOUBLE PRECISION NOT NULL,
    "fov_deg" DOUBLE PRECISION NOT NULL,
    "range_m" DOUBLE PRECISION NOT NULL,
    "ptz" BOOLEAN NOT NULL DEFAULT false,
    "stream_url" TEXT NOT NULL,
    CONSTRAINT "camera_view_pkey" PRIMARY KEY ("sensor_id"),
    CONSTRAINT "camera_view_bearing_check" CHECK ("bearing_deg" >= 0 AND "bearing_deg" < 360),
    CONSTRAINT "camera_view_fov_check" CHECK ("fov_deg" > 0 AND "fov_deg" <= 360),
    CONSTRAINT "camera_view_range_check" CHECK ("range_m" > 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "remote_sensing_product_code_key" ON "remote_sensing_product"("code");
-- Re-sending a product with the producer's id replaces it instead of adding a copy (NULLs never collide).
CREATE UNIQUE INDEX "remote_sensing_product_channel_kind_external_id_key" ON "remote_sensing_product"("channel", "kind", "external_id");
CREATE INDEX "remote_sensing_product_kind_acquired_at_idx" ON "remote_sensing_product"("kind", "acquired_at");
CREATE INDEX "remote_sensing_product_region_code_idx" ON "remote_sensing_product"("region_code");
CREATE INDEX "remote_sensing_product_geometry_idx" ON "remote_sensing_product" USING GIST ("geometry");
CREATE UNIQUE INDEX "drone_flight_code_key" ON "drone_flight"("code");
CREATE INDEX "drone_flight_started_at_idx" ON "drone_flight"("started_at");
CREATE INDEX "drone_flight_region_code_idx" ON "drone_flight"("region_code");
CREATE INDEX "drone_flight_path_idx" ON "drone_flight" USING GIST ("path");

-- AddForeignKey
ALTER TABLE "camera_view" ADD CONSTRAINT "camera_view_sensor_id_fkey" FOREIGN KEY ("sensor_id") REFERENCES "sensor"("id") ON DELETE CASCADE ON UPDATE CASCADE;
