-- previews made before their workbooks were stored in parts cannot be confirmed: they are superseded (the admin uploads again)
UPDATE "RegistryImport" SET "status" = 'superseded' WHERE "status" = 'previewed';

-- AlterTable
ALTER TABLE "RegistryImport" DROP COLUMN "fileSealed";

-- CreateTable
CREATE TABLE "RegistryImportPart" (
    "importId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "sealed" BYTEA NOT NULL,

    CONSTRAINT "RegistryImportPart_pkey" PRIMARY KEY ("importId","seq")
);

