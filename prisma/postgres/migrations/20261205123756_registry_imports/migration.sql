-- AlterTable
ALTER TABLE "Resident" ADD COLUMN     "registryNote" TEXT;

-- CreateTable
CREATE TABLE "RegistryImport" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "fileSealed" BYTEA,
    "registryHash" TEXT NOT NULL,
    "planHash" TEXT NOT NULL,
    "preview" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'previewed',
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,
    "result" TEXT,

    CONSTRAINT "RegistryImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RegistryImport_communityId_createdAt_idx" ON "RegistryImport"("communityId", "createdAt");

