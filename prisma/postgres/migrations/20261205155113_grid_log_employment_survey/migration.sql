-- CreateEnum
CREATE TYPE "EmploymentSurveyTaskStatus" AS ENUM ('pending', 'unchanged', 'changed');

-- CreateEnum
CREATE TYPE "GridLogKind" AS ENUM ('sentiment', 'dispute', 'hazard', 'policy', 'other');

-- CreateTable
CREATE TABLE "EmploymentSurvey" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmploymentSurvey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmploymentSurveyTask" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" "EmploymentSurveyTaskStatus" NOT NULL DEFAULT 'pending',
    "doneById" TEXT,
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmploymentSurveyTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GridLogEntry" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" "GridLogKind" NOT NULL,
    "text" TEXT NOT NULL,
    "photoId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GridLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GridLogHousehold" (
    "entryId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,

    CONSTRAINT "GridLogHousehold_pkey" PRIMARY KEY ("entryId","householdId")
);

-- CreateTable
CREATE TABLE "GridLogOrder" (
    "entryId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,

    CONSTRAINT "GridLogOrder_pkey" PRIMARY KEY ("entryId","orderId")
);

-- CreateIndex
CREATE UNIQUE INDEX "EmploymentSurvey_communityId_month_key" ON "EmploymentSurvey"("communityId", "month");

-- CreateIndex
CREATE INDEX "EmploymentSurveyTask_surveyId_gridId_status_idx" ON "EmploymentSurveyTask"("surveyId", "gridId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "EmploymentSurveyTask_householdId_month_key" ON "EmploymentSurveyTask"("householdId", "month");

-- CreateIndex
CREATE INDEX "GridLogEntry_gridId_occurredAt_idx" ON "GridLogEntry"("gridId", "occurredAt");

-- CreateIndex
CREATE INDEX "GridLogEntry_communityId_occurredAt_idx" ON "GridLogEntry"("communityId", "occurredAt");

-- CreateIndex
CREATE INDEX "GridLogHousehold_householdId_idx" ON "GridLogHousehold"("householdId");

-- CreateIndex
CREATE INDEX "GridLogOrder_orderId_idx" ON "GridLogOrder"("orderId");

-- AddForeignKey
ALTER TABLE "EmploymentSurveyTask" ADD CONSTRAINT "EmploymentSurveyTask_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "EmploymentSurvey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

