-- CreateTable
CREATE TABLE "RegionInvite" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "name" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" TEXT,
    "revokedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegionInvite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RegionInvite_codeHash_key" ON "RegionInvite"("codeHash");

-- CreateIndex
CREATE INDEX "RegionInvite_regionId_createdAt_idx" ON "RegionInvite"("regionId", "createdAt");

