-- CreateEnum
CREATE TYPE "LeaveReason" AS ENUM ('moved_out', 'deceased');

-- AlterTable
ALTER TABLE "Resident" ADD COLUMN     "idNumberHash" TEXT,
ADD COLUMN     "leftAt" TIMESTAMP(3),
ADD COLUMN     "leftReason" "LeaveReason";

-- CreateTable
CREATE TABLE "AccessLogEntry" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccessLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccessLogEntry_at_idx" ON "AccessLogEntry"("at");

-- CreateIndex
CREATE INDEX "AccessLogEntry_communityId_at_idx" ON "AccessLogEntry"("communityId", "at");

-- CreateIndex
CREATE INDEX "AccessLogEntry_actorId_at_idx" ON "AccessLogEntry"("actorId", "at");

-- CreateIndex
CREATE INDEX "AccessLogEntry_residentId_at_idx" ON "AccessLogEntry"("residentId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Resident_idNumberHash_key" ON "Resident"("idNumberHash");

