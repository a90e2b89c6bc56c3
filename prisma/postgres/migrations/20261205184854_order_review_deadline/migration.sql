-- CreateTable
CREATE TABLE "OrderSettings" (
    "communityId" TEXT NOT NULL,
    "reviewDeadlineDays" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderSettings_pkey" PRIMARY KEY ("communityId")
);
