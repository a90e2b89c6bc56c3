-- CreateTable
CREATE TABLE "OrderSettings" (
    "communityId" TEXT NOT NULL PRIMARY KEY,
    "reviewDeadlineDays" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
