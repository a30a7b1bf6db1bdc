-- OneMap data model v1. PostGIS geometry columns are SRID 4326 (WGS-84) with GiST indexes.
CREATE EXTENSION IF NOT EXISTS postgis;

-- CreateTable
CREATE TABLE "region" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "pinyin" TEXT,
    "level" TEXT NOT NULL,
    "parent_code" TEXT,
    "population" INTEGER,
    "center" geometry(Point, 4326) NOT NULL,
    "boundary" geometry(MultiPolygon, 4326),
    CONSTRAINT "region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "enterprise" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pinyin" TEXT,
    "kind" TEXT NOT NULL,
    "risk_level" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "address" TEXT,
    "employees" INTEGER,
    "contact_name" TEXT,
    "contact_phone" TEXT,
    "location" geometry(Point, 4326) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sensor" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pinyin" TEXT,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'normal',
    "unit" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "enterprise_id" INTEGER,
    "warn_threshold" DOUBLE PRECISION,
    "alarm_threshold" DOUBLE PRECISION,
    "sampling_interval_s" INTEGER NOT NULL DEFAULT 300,
    "last_value" DOUBLE PRECISION,
    "last_reading_at" TIMESTAMPTZ(3),
    "installed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "location" geometry(Point, 4326) NOT NULL,
    CONSTRAINT "sensor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sensor_reading" (
    "sensor_id" INTEGER NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "sensor_reading_pkey" PRIMARY KEY ("sensor_id","ts")
);

-- CreateTable
CREATE TABLE "incident" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "class" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'reported',
    "source" TEXT NOT NULL DEFAULT 'phone',
    "description" TEXT,
    "region_code" TEXT,
    "deaths" INTEGER NOT NULL DEFAULT 0,
    "injuries" INTEGER NOT NULL DEFAULT 0,
    "missing" INTEGER NOT NULL DEFAULT 0,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "reported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    "location" geometry(Point, 4326) NOT NULL,
    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rescue_team" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pinyin" TEXT,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'available',
    "members" INTEGER NOT NULL,
    "capabilities" TEXT[],
    "region_code" TEXT NOT NULL,
    "phone" TEXT,
    "base_location" geometry(Point, 4326) NOT NULL,
    "location" geometry(Point, 4326) NOT NULL,
    CONSTRAINT "rescue_team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supply_depot" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pinyin" TEXT,
    "tier" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "location" geometry(Point, 4326) NOT NULL,
    CONSTRAINT "supply_depot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "depot_inventory" (
    "depot_id" INTEGER NOT NULL,
    "item" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    CONSTRAINT "depot_inventory_pkey" PRIMARY KEY ("depot_id","item")
);

-- CreateTable
CREATE TABLE "shelter" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pinyin" TEXT,
    "capacity" INTEGER NOT NULL,
    "area_m2" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'standby',
    "region_code" TEXT NOT NULL,
    "location" geometry(Point, 4326) NOT NULL,
    CONSTRAINT "shelter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hospital" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pinyin" TEXT,
    "grade" TEXT NOT NULL,
    "beds" INTEGER NOT NULL,
    "region_code" TEXT NOT NULL,
    "location" geometry(Point, 4326) NOT NULL,
    CONSTRAINT "hospital_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comm_node" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pinyin" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'up',
    "region_code" TEXT,
    "location" geometry(Point, 4326) NOT NULL,
    CONSTRAINT "comm_node_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comm_link" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "medium" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'up',
    "bandwidth_mbps" INTEGER NOT NULL,
    "from_node_id" INTEGER NOT NULL,
    "to_node_id" INTEGER NOT NULL,
    "path" geometry(LineString, 4326) NOT NULL,
    CONSTRAINT "comm_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coverage_area" (
    "id" SERIAL NOT NULL,
    "node_id" INTEGER NOT NULL,
    "technology" TEXT NOT NULL,
    "area" geometry(MultiPolygon, 4326) NOT NULL,
    CONSTRAINT "coverage_area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "public_report" (
    "id" SERIAL NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "contact" TEXT,
    "photo_path" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "region_code" TEXT,
    "incident_id" INTEGER,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "location" geometry(Point, 4326) NOT NULL,
    CONSTRAINT "public_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "region_parent_code_idx" ON "region"("parent_code");
CREATE UNIQUE INDEX "enterprise_code_key" ON "enterprise"("code");
CREATE INDEX "enterprise_region_code_idx" ON "enterprise"("region_code");
CREATE INDEX "enterprise_kind_idx" ON "enterprise"("kind");
CREATE UNIQUE INDEX "sensor_code_key" ON "sensor"("code");
CREATE INDEX "sensor_region_code_idx" ON "sensor"("region_code");
CREATE INDEX "sensor_kind_idx" ON "sensor"("kind");
CREATE INDEX "sensor_state_idx" ON "sensor"("state");
CREATE INDEX "sensor_enterprise_id_idx" ON "sensor"("enterprise_id");
CREATE UNIQUE INDEX "incident_code_key" ON "incident"("code");
CREATE INDEX "incident_region_code_idx" ON "incident"("region_code");
CREATE INDEX "incident_status_idx" ON "incident"("status");
CREATE INDEX "incident_occurred_at_idx" ON "incident"("occurred_at");
CREATE UNIQUE INDEX "rescue_team_code_key" ON "rescue_team"("code");
CREATE INDEX "rescue_team_region_code_idx" ON "rescue_team"("region_code");
CREATE INDEX "rescue_team_type_idx" ON "rescue_team"("type");
CREATE UNIQUE INDEX "supply_depot_code_key" ON "supply_depot"("code");
CREATE INDEX "supply_depot_region_code_idx" ON "supply_depot"("region_code");
CREATE UNIQUE INDEX "shelter_code_key" ON "shelter"("code");
CREATE INDEX "shelter_region_code_idx" ON "shelter"("region_code");
CREATE UNIQUE INDEX "hospital_code_key" ON "hospital"("code");
CREATE INDEX "hospital_region_code_idx" ON "hospital"("region_code");
CREATE UNIQUE INDEX "comm_node_code_key" ON "comm_node"("code");
CREATE INDEX "comm_node_kind_idx" ON "comm_node"("kind");
CREATE UNIQUE INDEX "comm_link_code_key" ON "comm_link"("code");
CREATE INDEX "comm_link_from_node_id_idx" ON "comm_link"("from_node_id");
CREATE INDEX "comm_link_to_node_id_idx" ON "comm_link"("to_node_id");
CREATE INDEX "coverage_area_node_id_idx" ON "coverage_area"("node_id");
CREATE INDEX "public_report_status_idx" ON "public_report"("status");
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- Spatial indexes (not expressible in schema.prisma)
CREATE INDEX "region_center_gist" ON "region" USING GIST ("center");
CREATE INDEX "region_boundary_gist" ON "region" USING GIST ("boundary");
CREATE INDEX "enterprise_location_gist" ON "enterprise" USING GIST ("location");
CREATE INDEX "sensor_location_gist" ON "sensor" USING GIST ("location");
CREATE INDEX "incident_location_gist" ON "incident" USING GIST ("location");
CREATE INDEX "rescue_team_location_gist" ON "rescue_team" USING GIST ("location");
CREATE INDEX "rescue_team_base_location_gist" ON "rescue_team" USING GIST ("base_location");
CREATE INDEX "supply_depot_location_gist" ON "supply_depot" USING GIST ("location");
CREATE INDEX "shelter_location_gist" ON "shelter" USING GIST ("location");
CREATE INDEX "hospital_location_gist" ON "hospital" USING GIST ("location");
CREATE INDEX "comm_node_location_gist" ON "comm_node" USING GIST ("location");
CREATE INDEX "comm_link_path_gist" ON "comm_link" USING GIST ("path");
CREATE INDEX "coverage_area_area_gist" ON "coverage_area" USING GIST ("area");
CREATE INDEX "public_report_location_gist" ON "public_report" USING GIST ("location");

-- AddForeignKey
ALTER TABLE "region" ADD CONSTRAINT "region_parent_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "region"("code") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "sensor" ADD CONSTRAINT "sensor_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "sensor_reading" ADD CONSTRAINT "sensor_reading_sensor_id_fkey" FOREIGN KEY ("sensor_id") REFERENCES "sensor"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "depot_inventory" ADD CONSTRAINT "depot_inventory_depot_id_fkey" FOREIGN KEY ("depot_id") REFERENCES "supply_depot"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "comm_link" ADD CONSTRAINT "comm_link_from_node_id_fkey" FOREIGN KEY ("from_node_id") REFERENCES "comm_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "comm_link" ADD CONSTRAINT "comm_link_to_node_id_fkey" FOREIGN KEY ("to_node_id") REFERENCES "comm_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "coverage_area" ADD CONSTRAINT "coverage_area_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "comm_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "public_report" ADD CONSTRAINT "public_report_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;
