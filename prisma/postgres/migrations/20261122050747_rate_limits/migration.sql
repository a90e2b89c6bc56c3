-- DropTable
DROP TABLE "BotCommandWindow";

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "bucket" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("bucket","key","windowStart")
);

-- CreateIndex
CREATE INDEX "RateLimitWindow_bucket_windowStart_idx" ON "RateLimitWindow"("bucket", "windowStart");

