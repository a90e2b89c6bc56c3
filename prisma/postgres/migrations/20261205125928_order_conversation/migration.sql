-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "OrderStatus" ADD VALUE 'awaiting_info';
ALTER TYPE "OrderStatus" ADD VALUE 'merged';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "OrderAction" ADD VALUE 'comment';
ALTER TYPE "OrderAction" ADD VALUE 'ask';
ALTER TYPE "OrderAction" ADD VALUE 'answer';
ALTER TYPE "OrderAction" ADD VALUE 'join';
ALTER TYPE "OrderAction" ADD VALUE 'merge';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "mergedIntoId" TEXT,
ADD COLUMN     "pausedAt" TIMESTAMP(3),
ADD COLUMN     "pausedFrom" "OrderStatus";

-- CreateTable
CREATE TABLE "OrderFollower" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderFollower_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockReply" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "categoryId" TEXT,
    "purpose" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sort" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StockReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrderFollower_householdId_idx" ON "OrderFollower"("householdId");

-- CreateIndex
CREATE INDEX "OrderFollower_userId_idx" ON "OrderFollower"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderFollower_orderId_householdId_key" ON "OrderFollower"("orderId", "householdId");

-- CreateIndex
CREATE INDEX "StockReply_communityId_purpose_sort_idx" ON "StockReply"("communityId", "purpose", "sort");

-- AddForeignKey
ALTER TABLE "OrderFollower" ADD CONSTRAINT "OrderFollower_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

