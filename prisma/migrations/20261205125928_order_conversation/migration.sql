-- AlterTable
ALTER TABLE "Order" ADD COLUMN "mergedIntoId" TEXT;
ALTER TABLE "Order" ADD COLUMN "pausedAt" DATETIME;
ALTER TABLE "Order" ADD COLUMN "pausedFrom" TEXT;

-- CreateTable
CREATE TABLE "OrderFollower" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "OrderFollower_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StockReply" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "categoryId" TEXT,
    "purpose" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sort" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "OrderFollower_householdId_idx" ON "OrderFollower"("householdId");

-- CreateIndex
CREATE INDEX "OrderFollower_userId_idx" ON "OrderFollower"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderFollower_orderId_householdId_key" ON "OrderFollower"("orderId", "householdId");

-- CreateIndex
CREATE INDEX "StockReply_communityId_purpose_sort_idx" ON "StockReply"("communityId", "purpose", "sort");

