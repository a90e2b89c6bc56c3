-- RedefineTables (not ADD COLUMN: SQLite would keep the appended column's text apart, and the
-- migrated schema would differ from the one prisma/schema describes; tests/platform/schema-drift)
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BotAccountState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "accountId" TEXT,
    "accountName" TEXT,
    "qrcode" TEXT,
    "mode" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "outSince" DATETIME
);
INSERT INTO "new_BotAccountState" ("accountId", "accountName", "id", "mode", "qrcode", "state", "updatedAt") SELECT "accountId", "accountName", "id", "mode", "qrcode", "state", "updatedAt" FROM "BotAccountState";
DROP TABLE "BotAccountState";
ALTER TABLE "new_BotAccountState" RENAME TO "BotAccountState";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateTable
CREATE TABLE "NoticeLink" (
    "noticeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "page" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("noticeId", "kind")
);

