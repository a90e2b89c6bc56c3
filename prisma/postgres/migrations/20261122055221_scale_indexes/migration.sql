-- CreateIndex
CREATE INDEX "Order_filedById_idx" ON "Order"("filedById");

-- CreateIndex
CREATE INDEX "Resident_communityId_idx" ON "Resident"("communityId");

