-- CreateTable
CREATE TABLE "VisitRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "intervalDays" INTEGER,
    "updatedById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "VisitOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "intervalDays" INTEGER,
    "note" TEXT,
    "updatedById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "visitedAt" DATETIME NOT NULL,
    "met" TEXT NOT NULL,
    "wellbeing" TEXT,
    "note" TEXT,
    "photoUploadId" TEXT,
    "needs" TEXT,
    "orderId" TEXT,
    "completed" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "VisitPairing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "VisitRule_communityId_tag_key" ON "VisitRule"("communityId", "tag");

-- CreateIndex
CREATE UNIQUE INDEX "VisitOverride_householdId_key" ON "VisitOverride"("householdId");

-- CreateIndex
CREATE INDEX "VisitOverride_communityId_idx" ON "VisitOverride"("communityId");

-- CreateIndex
CREATE INDEX "Visit_householdId_completed_visitedAt_idx" ON "Visit"("householdId", "completed", "visitedAt");

-- CreateIndex
CREATE INDEX "Visit_communityId_visitedAt_idx" ON "Visit"("communityId", "visitedAt");

-- CreateIndex
CREATE INDEX "VisitPairing_userId_idx" ON "VisitPairing"("userId");

-- CreateIndex
CREATE INDEX "VisitPairing_communityId_idx" ON "VisitPairing"("communityId");

-- CreateIndex
CREATE UNIQUE INDEX "VisitPairing_householdId_userId_key" ON "VisitPairing"("householdId", "userId");

