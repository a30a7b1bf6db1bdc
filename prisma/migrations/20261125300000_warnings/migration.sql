-- Early warnings (预警), ours and imported, modelled on OASIS CAP 1.2. One row per warning: an
-- Update or Cancel (ours or an imported one's) rewrites the row in place, and the identifiers of the
-- messages it supersedes are kept in "cap_references" (CAP "sender,identifier,sent" triples), so the
-- row's identifier is always that of the latest message sent.

-- CreateTable
CREATE TABLE "warning" (
    "id" SERIAL NOT NULL,
    "identifier" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "sender_name" TEXT,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "msg_type" TEXT NOT NULL DEFAULT 'Alert',
    "cap_references" TEXT,
    "note" TEXT,
    "language" TEXT NOT NULL DEFAULT 'zh-CN',
    "event" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "certainty" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "instruction" TEXT NOT NULL DEFAULT '',
    "web" TEXT,
    "contact" TEXT,
    "area_desc" TEXT NOT NULL,
    "areas" JSONB NOT NULL,
    "cap_areas" JSONB,
    "cap_extras" JSONB,
    "area" geometry(MultiPolygon, 4326) NOT NULL,
    "region_code" TEXT NOT NULL,
    "effective" TIMESTAMPTZ(3) NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,
    "sent" TIMESTAMPTZ(3),
    "population_estimate" INTEGER,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "warning_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "warning_source_check" CHECK ("source" IN ('own', 'imported')),
    CONSTRAINT "warning_status_check" CHECK ("status" IN ('draft', 'published', 'cancelled')),
    CONSTRAINT "warning_msg_type_check" CHECK ("msg_type" IN ('Alert', 'Update', 'Cancel')),
    CONSTRAINT "warning_expires_check" CHECK ("expires" > "effective")
);

-- CreateIndex
CREATE UNIQUE INDEX "warning_sender_identifier_key" ON "warning"("sender", "identifier");
CREATE INDEX "warning_region_code_idx" ON "warning"("region_code");
CREATE INDEX "warning_status_expires_idx" ON "warning"("status", "expires");

-- Spatial index (not expressible in schema.prisma)
CREATE INDEX "warning_area_gist" ON "warning" USING GIST ("area");
