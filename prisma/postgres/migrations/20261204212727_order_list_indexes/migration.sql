-- DropIndex
DROP INDEX "Order_filedById_idx";

-- CreateIndex
CREATE INDEX "Order_communityId_createdAt_idx" ON "Order"("communityId", "createdAt");

-- CreateIndex
CREATE INDEX "Order_filedById_createdAt_idx" ON "Order"("filedById", "createdAt");

-- CreateIndex
CREATE INDEX "Order_gridId_createdAt_idx" ON "Order"("gridId", "createdAt");

-- CreateIndex
CREATE INDEX "Order_assigneeId_createdAt_idx" ON "Order"("assigneeId", "createdAt");

