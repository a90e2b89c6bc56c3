-- CreateTable
CREATE TABLE "MediaCheck" (
    "uploadId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "traceId" TEXT,
    "verdict" TEXT NOT NULL,
    "label" INTEGER,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "MediaCheck_pkey" PRIMARY KEY ("uploadId")
);

-- CreateIndex
CREATE UNIQUE INDEX "MediaCheck_traceId_key" ON "MediaCheck"("traceId");

-- CreateIndex
CREATE INDEX "MediaCheck_communityId_verdict_idx" ON "MediaCheck"("communityId", "verdict");

-- AddForeignKey
ALTER TABLE "MediaCheck" ADD CONSTRAINT "MediaCheck_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

