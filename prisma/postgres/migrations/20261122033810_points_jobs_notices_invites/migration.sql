-- CreateEnum
CREATE TYPE "JobKind" AS ENUM ('workshop', 'local', 'public_welfare', 'outbound');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "InterestOutcome" AS ENUM ('pending', 'hired', 'not_hired');

-- CreateEnum
CREATE TYPE "TrainingStatus" AS ENUM ('open', 'cancelled', 'finished');

-- CreateEnum
CREATE TYPE "EnrolmentStatus" AS ENUM ('enrolled', 'waitlisted', 'withdrawn', 'completed');

-- CreateEnum
CREATE TYPE "EmploymentStatus" AS ENUM ('employed_local', 'employed_outbound', 'public_welfare', 'self_employed', 'seeking', 'unable');

-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('policy', 'service', 'news', 'job', 'training', 'activity', 'emergency');

-- CreateEnum
CREATE TYPE "NoticeAudience" AS ENUM ('community', 'grids', 'buildings');

-- CreateEnum
CREATE TYPE "ChatChannel" AS ENUM ('wechaty', 'wecom');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'retrying', 'sent', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "SubscribeOutcome" AS ENUM ('sent', 'skipped', 'failed');

-- CreateEnum
CREATE TYPE "PointsEntryKind" AS ENUM ('earn', 'redeem', 'refund', 'expire', 'adjust');

-- CreateEnum
CREATE TYPE "LimitPeriod" AS ENUM ('day', 'week', 'month');

-- CreateEnum
CREATE TYPE "RedemptionStatus" AS ENUM ('reserved', 'handed_over', 'cancelled');

-- CreateTable
CREATE TABLE "JobPosting" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "employer" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "JobKind" NOT NULL,
    "location" TEXT NOT NULL,
    "payMin" INTEGER,
    "payMax" INTEGER,
    "payUnit" TEXT NOT NULL DEFAULT 'month',
    "headcount" INTEGER NOT NULL,
    "requirements" TEXT NOT NULL DEFAULT '',
    "contact" TEXT NOT NULL,
    "trades" TEXT NOT NULL DEFAULT '[]',
    "deadline" TIMESTAMP(3),
    "status" "JobStatus" NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "JobPosting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobInterest" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "outcome" "InterestOutcome" NOT NULL DEFAULT 'pending',
    "outcomeAt" TIMESTAMP(3),
    "outcomeById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobInterest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "course" TEXT NOT NULL,
    "trade" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "signupDeadline" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "seatsTaken" INTEGER NOT NULL DEFAULT 0,
    "status" "TrainingStatus" NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingJob" (
    "trainingId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,

    CONSTRAINT "TrainingJob_pkey" PRIMARY KEY ("trainingId","jobId")
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "trainingId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "status" "EnrolmentStatus" NOT NULL,
    "queuedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "present" BOOLEAN NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmploymentRecord" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "status" "EmploymentStatus" NOT NULL,
    "employer" TEXT,
    "since" TIMESTAMP(3),
    "trades" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmploymentRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "imageId" TEXT,
    "pagePath" TEXT,
    "audience" "NoticeAudience" NOT NULL,
    "audienceIds" TEXT NOT NULL DEFAULT '',
    "source" TEXT,
    "sendAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "staffOnly" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeBuilding" (
    "noticeId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,

    CONSTRAINT "NoticeBuilding_pkey" PRIMARY KEY ("noticeId","buildingId")
);

-- CreateTable
CREATE TABLE "NoticeRead" (
    "noticeId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticeRead_pkey" PRIMARY KEY ("noticeId","userId")
);

-- CreateTable
CREATE TABLE "ChatGroup" (
    "id" TEXT NOT NULL,
    "communityId" TEXT,
    "channel" "ChatChannel" NOT NULL,
    "senderId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "memberCount" INTEGER NOT NULL DEFAULT 0,
    "present" BOOLEAN NOT NULL DEFAULT true,
    "seenAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BuildingGroup" (
    "buildingId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "linkedById" TEXT,
    "linkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BuildingGroup_pkey" PRIMARY KEY ("buildingId")
);

-- CreateTable
CREATE TABLE "GridGroup" (
    "gridId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "linkedById" TEXT,
    "linkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GridGroup_pkey" PRIMARY KEY ("gridId")
);

-- CreateTable
CREATE TABLE "NoticeAutomation" (
    "communityId" TEXT NOT NULL,
    "jobs" BOOLEAN NOT NULL DEFAULT true,
    "trainings" BOOLEAN NOT NULL DEFAULT true,
    "emergencyOrders" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticeAutomation_pkey" PRIMARY KEY ("communityId")
);

-- CreateTable
CREATE TABLE "NoticeDelivery" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "attemptStartedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticeDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeSender" (
    "id" TEXT NOT NULL,
    "nextSendAt" TIMESTAMP(3) NOT NULL,
    "day" TEXT NOT NULL,
    "sentToday" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NoticeSender_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotMember" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotLinkCode" (
    "id" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotLinkCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotCommandWindow" (
    "contactId" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BotCommandWindow_pkey" PRIMARY KEY ("contactId","windowStart")
);

-- CreateTable
CREATE TABLE "SubscribeOptIn" (
    "userId" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "remaining" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubscribeOptIn_pkey" PRIMARY KEY ("userId","template")
);

-- CreateTable
CREATE TABLE "SubscribeMessage" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "outcome" "SubscribeOutcome" NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubscribeMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResidentInvite" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResidentInvite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PointsEntry" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "residentId" TEXT,
    "kind" "PointsEntryKind" NOT NULL,
    "amount" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "ruleId" TEXT,
    "redemptionId" TEXT,
    "grantedById" TEXT,
    "reference" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PointsEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PointsAccount" (
    "householdId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "balance" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PointsAccount_pkey" PRIMARY KEY ("householdId")
);

-- CreateTable
CREATE TABLE "PointsRule" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "monthlyCap" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PointsRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PointsSettings" (
    "communityId" TEXT NOT NULL,
    "expiryMonths" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PointsSettings_pkey" PRIMARY KEY ("communityId")
);

-- CreateTable
CREATE TABLE "ShopItem" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "icon" TEXT NOT NULL DEFAULT '🎁',
    "pointsPrice" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL,
    "stockAdded" INTEGER NOT NULL,
    "limitPerHousehold" INTEGER,
    "limitPeriod" "LimitPeriod" NOT NULL DEFAULT 'month',
    "onShelf" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "status" "RedemptionStatus" NOT NULL DEFAULT 'reserved',
    "pickupCode" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handedOverAt" TIMESTAMP(3),
    "handedOverById" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "cancelledById" TEXT,

    CONSTRAINT "Redemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "response" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobPosting_communityId_status_createdAt_idx" ON "JobPosting"("communityId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "JobInterest_residentId_idx" ON "JobInterest"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "JobInterest_jobId_residentId_key" ON "JobInterest"("jobId", "residentId");

-- CreateIndex
CREATE INDEX "TrainingSession_communityId_status_startsAt_idx" ON "TrainingSession"("communityId", "status", "startsAt");

-- CreateIndex
CREATE INDEX "Enrolment_trainingId_status_queuedAt_idx" ON "Enrolment"("trainingId", "status", "queuedAt");

-- CreateIndex
CREATE INDEX "Enrolment_residentId_idx" ON "Enrolment"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "Enrolment_trainingId_residentId_key" ON "Enrolment"("trainingId", "residentId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_enrolmentId_day_key" ON "Attendance"("enrolmentId", "day");

-- CreateIndex
CREATE INDEX "EmploymentRecord_residentId_createdAt_idx" ON "EmploymentRecord"("residentId", "createdAt");

-- CreateIndex
CREATE INDEX "EmploymentRecord_communityId_current_status_idx" ON "EmploymentRecord"("communityId", "current", "status");

-- CreateIndex
CREATE INDEX "EmploymentRecord_householdId_current_idx" ON "EmploymentRecord"("householdId", "current");

-- CreateIndex
CREATE INDEX "Notice_communityId_sendAt_idx" ON "Notice"("communityId", "sendAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_communityId_source_key" ON "Notice"("communityId", "source");

-- CreateIndex
CREATE INDEX "NoticeBuilding_buildingId_idx" ON "NoticeBuilding"("buildingId");

-- CreateIndex
CREATE INDEX "NoticeRead_userId_idx" ON "NoticeRead"("userId");

-- CreateIndex
CREATE INDEX "ChatGroup_communityId_idx" ON "ChatGroup"("communityId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatGroup_channel_externalId_key" ON "ChatGroup"("channel", "externalId");

-- CreateIndex
CREATE INDEX "BuildingGroup_groupId_idx" ON "BuildingGroup"("groupId");

-- CreateIndex
CREATE INDEX "GridGroup_groupId_idx" ON "GridGroup"("groupId");

-- CreateIndex
CREATE INDEX "NoticeDelivery_status_nextAttemptAt_idx" ON "NoticeDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NoticeDelivery_groupId_sentAt_idx" ON "NoticeDelivery"("groupId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDelivery_noticeId_groupId_key" ON "NoticeDelivery"("noticeId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "BotMember_contactId_key" ON "BotMember"("contactId");

-- CreateIndex
CREATE INDEX "BotMember_userId_idx" ON "BotMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "BotLinkCode_codeHash_key" ON "BotLinkCode"("codeHash");

-- CreateIndex
CREATE INDEX "BotLinkCode_userId_idx" ON "BotLinkCode"("userId");

-- CreateIndex
CREATE INDEX "SubscribeMessage_ref_idx" ON "SubscribeMessage"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "SubscribeMessage_userId_ref_key" ON "SubscribeMessage"("userId", "ref");

-- CreateIndex
CREATE UNIQUE INDEX "ResidentInvite_codeHash_key" ON "ResidentInvite"("codeHash");

-- CreateIndex
CREATE INDEX "ResidentInvite_residentId_idx" ON "ResidentInvite"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "PointsEntry_reference_key" ON "PointsEntry"("reference");

-- CreateIndex
CREATE INDEX "PointsEntry_householdId_createdAt_idx" ON "PointsEntry"("householdId", "createdAt");

-- CreateIndex
CREATE INDEX "PointsEntry_communityId_createdAt_idx" ON "PointsEntry"("communityId", "createdAt");

-- CreateIndex
CREATE INDEX "PointsEntry_ruleId_householdId_createdAt_idx" ON "PointsEntry"("ruleId", "householdId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PointsRule_communityId_code_key" ON "PointsRule"("communityId", "code");

-- CreateIndex
CREATE INDEX "ShopItem_communityId_onShelf_idx" ON "ShopItem"("communityId", "onShelf");

-- CreateIndex
CREATE INDEX "Redemption_householdId_createdAt_idx" ON "Redemption"("householdId", "createdAt");

-- CreateIndex
CREATE INDEX "Redemption_itemId_status_idx" ON "Redemption"("itemId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_communityId_pickupCode_key" ON "Redemption"("communityId", "pickupCode");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_scope_userId_key_key" ON "IdempotencyRecord"("scope", "userId", "key");

-- AddForeignKey
ALTER TABLE "JobPosting" ADD CONSTRAINT "JobPosting_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobInterest" ADD CONSTRAINT "JobInterest_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "JobPosting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobInterest" ADD CONSTRAINT "JobInterest_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingJob" ADD CONSTRAINT "TrainingJob_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "TrainingSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingJob" ADD CONSTRAINT "TrainingJob_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "JobPosting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "TrainingSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmploymentRecord" ADD CONSTRAINT "EmploymentRecord_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Upload"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeBuilding" ADD CONSTRAINT "NoticeBuilding_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeBuilding" ADD CONSTRAINT "NoticeBuilding_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeRead" ADD CONSTRAINT "NoticeRead_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeRead" ADD CONSTRAINT "NoticeRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatGroup" ADD CONSTRAINT "ChatGroup_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuildingGroup" ADD CONSTRAINT "BuildingGroup_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuildingGroup" ADD CONSTRAINT "BuildingGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ChatGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GridGroup" ADD CONSTRAINT "GridGroup_gridId_fkey" FOREIGN KEY ("gridId") REFERENCES "Grid"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GridGroup" ADD CONSTRAINT "GridGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ChatGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeAutomation" ADD CONSTRAINT "NoticeAutomation_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeDelivery" ADD CONSTRAINT "NoticeDelivery_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeDelivery" ADD CONSTRAINT "NoticeDelivery_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ChatGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotMember" ADD CONSTRAINT "BotMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotLinkCode" ADD CONSTRAINT "BotLinkCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubscribeOptIn" ADD CONSTRAINT "SubscribeOptIn_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubscribeMessage" ADD CONSTRAINT "SubscribeMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResidentInvite" ADD CONSTRAINT "ResidentInvite_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointsEntry" ADD CONSTRAINT "PointsEntry_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointsEntry" ADD CONSTRAINT "PointsEntry_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "PointsRule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointsAccount" ADD CONSTRAINT "PointsAccount_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointsRule" ADD CONSTRAINT "PointsRule_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointsSettings" ADD CONSTRAINT "PointsSettings_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopItem" ADD CONSTRAINT "ShopItem_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ShopItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

