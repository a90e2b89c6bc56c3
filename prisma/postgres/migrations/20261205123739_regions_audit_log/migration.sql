-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('COUNTY', 'STREET');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "Role" ADD VALUE 'COUNTY_ADMIN';
ALTER TYPE "Role" ADD VALUE 'COUNTY_OVERSIGHT';
ALTER TYPE "Role" ADD VALUE 'STREET_ADMIN';
ALTER TYPE "Role" ADD VALUE 'STREET_OVERSIGHT';

-- AlterTable
ALTER TABLE "Community" ADD COLUMN     "regionId" TEXT;

-- AlterTable
ALTER TABLE "UserRole" ADD COLUMN     "regionId" TEXT;

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "communityId" TEXT,
    "regionId" TEXT,
    "before" TEXT,
    "after" TEXT,
    "requestId" TEXT,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_communityId_at_idx" ON "AuditEntry"("communityId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_regionId_at_idx" ON "AuditEntry"("regionId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_at_idx" ON "AuditEntry"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_action_at_idx" ON "AuditEntry"("action", "at");

-- CreateIndex
CREATE INDEX "Region_level_name_idx" ON "Region"("level", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Region_parentId_name_key" ON "Region"("parentId", "name");

-- CreateIndex
CREATE INDEX "Community_regionId_idx" ON "Community"("regionId");

-- CreateIndex
CREATE INDEX "UserRole_regionId_role_idx" ON "UserRole"("regionId", "role");

-- AddForeignKey
ALTER TABLE "Community" ADD CONSTRAINT "Community_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

