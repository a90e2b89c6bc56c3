-- CreateTable
CREATE TABLE "NoticeTold" (
    "noticeId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "how" TEXT NOT NULL DEFAULT 'in_person',
    "toldById" TEXT NOT NULL,
    "toldAt" DATETIME NOT NULL,

    PRIMARY KEY ("noticeId", "householdId")
);

-- CreateTable
CREATE TABLE "PatrolItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sort" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PatrolSettings" (
    "communityId" TEXT NOT NULL PRIMARY KEY,
    "everyDays" INTEGER NOT NULL DEFAULT 7,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Patrol" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "headId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "PatrolCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "patrolId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "itemName" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "note" TEXT,
    "photoId" TEXT,
    "orderId" TEXT,
    "checkedAt" DATETIME NOT NULL,
    CONSTRAINT "PatrolCheck_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PatrolCheck_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "PatrolItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "NoticeTold_noticeId_buildingId_idx" ON "NoticeTold"("noticeId", "buildingId");

-- CreateIndex
CREATE INDEX "PatrolItem_communityId_active_sort_idx" ON "PatrolItem"("communityId", "active", "sort");

-- CreateIndex
CREATE INDEX "Patrol_buildingId_startedAt_idx" ON "Patrol"("buildingId", "startedAt");

-- CreateIndex
CREATE INDEX "Patrol_communityId_startedAt_idx" ON "Patrol"("communityId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PatrolCheck_orderId_key" ON "PatrolCheck"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "PatrolCheck_patrolId_itemId_key" ON "PatrolCheck"("patrolId", "itemId");

