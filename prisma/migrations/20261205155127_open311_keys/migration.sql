-- CreateTable
CREATE TABLE "Open311Key" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "lastUsedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Open311Request" (
    "orderId" TEXT NOT NULL PRIMARY KEY,
    "keyId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "callerName" TEXT,
    "callerPhone" TEXT,
    "callerEmail" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Open311Key_keyHash_key" ON "Open311Key"("keyHash");

-- CreateIndex
CREATE UNIQUE INDEX "Open311Key_userId_key" ON "Open311Key"("userId");

-- CreateIndex
CREATE INDEX "Open311Key_communityId_createdAt_idx" ON "Open311Key"("communityId", "createdAt");

-- CreateIndex
CREATE INDEX "Open311Request_keyId_createdAt_idx" ON "Open311Request"("keyId", "createdAt");

