-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "BotCommandWindow";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "bucket" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("bucket", "key", "windowStart")
);

-- CreateIndex
CREATE INDEX "RateLimitWindow_bucket_windowStart_idx" ON "RateLimitWindow"("bucket", "windowStart");

