-- CreateTable
CREATE TABLE "RoleInvite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "gridId" TEXT,
    "buildingId" TEXT,
    "name" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedById" TEXT,
    "revokedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BotAccountState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "accountId" TEXT,
    "accountName" TEXT,
    "qrcode" TEXT,
    "mode" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "RoleInvite_codeHash_key" ON "RoleInvite"("codeHash");

-- CreateIndex
CREATE INDEX "RoleInvite_communityId_createdAt_idx" ON "RoleInvite"("communityId", "createdAt");

