-- AlterTable
ALTER TABLE "Resident" ADD COLUMN "registryNote" TEXT;

-- CreateTable
CREATE TABLE "RegistryImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "fileSealed" BLOB,
    "registryHash" TEXT NOT NULL,
    "planHash" TEXT NOT NULL,
    "preview" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'previewed',
    "confirmedAt" DATETIME,
    "confirmedById" TEXT,
    "result" TEXT
);

-- CreateIndex
CREATE INDEX "RegistryImport_communityId_createdAt_idx" ON "RegistryImport"("communityId", "createdAt");

