-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ServiceCategory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "icon" TEXT NOT NULL,
    "sort" INTEGER NOT NULL DEFAULT 0,
    "responseMinutes" INTEGER NOT NULL,
    "resolveMinutes" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "emergency" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ServiceCategory_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ServiceCategory" ("active", "code", "communityId", "icon", "id", "name", "resolveMinutes", "responseMinutes", "sort") SELECT "active", "code", "communityId", "icon", "id", "name", "resolveMinutes", "responseMinutes", "sort" FROM "ServiceCategory";
DROP TABLE "ServiceCategory";
ALTER TABLE "new_ServiceCategory" RENAME TO "ServiceCategory";
CREATE UNIQUE INDEX "ServiceCategory_communityId_code_key" ON "ServiceCategory"("communityId", "code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

