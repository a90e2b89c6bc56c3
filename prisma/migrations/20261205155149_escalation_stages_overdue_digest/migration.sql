-- CreateTable
CREATE TABLE "OverdueDigest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "overdue" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "OverdueDigest_communityId_day_key" ON "OverdueDigest"("communityId", "day");

