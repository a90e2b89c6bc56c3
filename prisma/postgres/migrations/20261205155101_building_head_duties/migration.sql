-- CreateEnum
CREATE TYPE "NoticeToldHow" AS ENUM ('in_person', 'phone');

-- CreateEnum
CREATE TYPE "PatrolResult" AS ENUM ('ok', 'problem');

-- CreateTable
CREATE TABLE "NoticeTold" (
    "noticeId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "how" "NoticeToldHow" NOT NULL DEFAULT 'in_person',
    "toldById" TEXT NOT NULL,
    "toldAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticeTold_pkey" PRIMARY KEY ("noticeId","householdId")
);

-- CreateTable
CREATE TABLE "PatrolItem" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sort" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PatrolItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatrolSettings" (
    "communityId" TEXT NOT NULL,
    "everyDays" INTEGER NOT NULL DEFAULT 7,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PatrolSettings_pkey" PRIMARY KEY ("communityId")
);

-- CreateTable
CREATE TABLE "Patrol" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "headId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Patrol_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatrolCheck" (
    "id" TEXT NOT NULL,
    "patrolId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "itemName" TEXT NOT NULL,
    "result" "PatrolResult" NOT NULL,
    "note" TEXT,
    "photoId" TEXT,
    "orderId" TEXT,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PatrolCheck_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "PatrolCheck" ADD CONSTRAINT "PatrolCheck_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatrolCheck" ADD CONSTRAINT "PatrolCheck_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "PatrolItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

