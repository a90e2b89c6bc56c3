-- AlterTable
ALTER TABLE "ServiceCategory" ADD COLUMN     "emergency" BOOLEAN NOT NULL DEFAULT false;

