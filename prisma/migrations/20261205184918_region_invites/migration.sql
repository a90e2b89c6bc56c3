-- CreateTable
CREATE TABLE "RegionInvite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "regionId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedById" TEXT,
    "revokedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "RegionInvite_codeHash_key" ON "RegionInvite"("codeHash");

-- CreateIndex
CREATE INDEX "RegionInvite_regionId_createdAt_idx" ON "RegionInvite"("regionId", "createdAt");

