-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "EscalationStage" ADD VALUE 'response_second';
ALTER TYPE "EscalationStage" ADD VALUE 'review';

-- CreateTable
CREATE TABLE "OverdueDigest" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "overdue" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OverdueDigest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OverdueDigest_communityId_day_key" ON "OverdueDigest"("communityId", "day");

