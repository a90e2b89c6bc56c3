-- CreateTable
CREATE TABLE "QrSignInTicket" (
    "id" TEXT NOT NULL,
    "ticketHash" TEXT NOT NULL,
    "nonceHash" TEXT NOT NULL,
    "userAgent" TEXT,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "scannedBy" TEXT,
    "scannedAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "refusedAt" TIMESTAMP(3),
    "consumedAt" TIMESTAMP(3),

    CONSTRAINT "QrSignInTicket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QrSignInTicket_ticketHash_key" ON "QrSignInTicket"("ticketHash");

-- CreateIndex
CREATE INDEX "QrSignInTicket_expiresAt_idx" ON "QrSignInTicket"("expiresAt");

