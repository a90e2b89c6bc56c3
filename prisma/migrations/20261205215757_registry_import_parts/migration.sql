-- previews made before their workbooks were stored in parts cannot be confirmed: they are superseded (the admin uploads again)
UPDATE "RegistryImport" SET "status" = 'superseded' WHERE "status" = 'previewed';

-- CreateTable
CREATE TABLE "RegistryImportPart" (
    "importId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "sealed" BLOB NOT NULL,

    PRIMARY KEY ("importId", "seq")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RegistryImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "registryHash" TEXT NOT NULL,
    "planHash" TEXT NOT NULL,
    "preview" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'previewed',
    "confirmedAt" DATETIME,
    "confirmedById" TEXT,
    "result" TEXT
);
INSERT INTO "new_RegistryImport" ("communityId", "confirmedAt", "confirmedById", "createdAt", "createdById", "fileHash", "fileName", "id", "planHash", "preview", "registryHash", "result", "status") SELECT "communityId", "confirmedAt", "confirmedById", "createdAt", "createdById", "fileHash", "fileName", "id", "planHash", "preview", "registryHash", "result", "status" FROM "RegistryImport";
DROP TABLE "RegistryImport";
ALTER TABLE "new_RegistryImport" RENAME TO "RegistryImport";
CREATE INDEX "RegistryImport_communityId_createdAt_idx" ON "RegistryImport"("communityId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

