-- CreateTable
CREATE TABLE "RoleInvite" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "gridId" TEXT,
    "buildingId" TEXT,
    "name" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" TEXT,
    "revokedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoleInvite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotAccountState" (
    "id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "accountId" TEXT,
    "accountName" TEXT,
    "qrcode" TEXT,
    "mode" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotAccountState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RoleInvite_codeHash_key" ON "RoleInvite"("codeHash");

-- CreateIndex
CREATE INDEX "RoleInvite_communityId_createdAt_idx" ON "RoleInvite"("communityId", "createdAt");

