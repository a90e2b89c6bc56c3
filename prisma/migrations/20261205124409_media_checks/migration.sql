-- CreateTable
CREATE TABLE "MediaCheck" (
    "uploadId" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "traceId" TEXT,
    "verdict" TEXT NOT NULL,
    "label" INTEGER,
    "requestedAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    CONSTRAINT "MediaCheck_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "MediaCheck_traceId_key" ON "MediaCheck"("traceId");

-- CreateIndex
CREATE INDEX "MediaCheck_communityId_verdict_idx" ON "MediaCheck"("communityId", "verdict");

