-- CreateTable
CREATE TABLE "QrSignInTicket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketHash" TEXT NOT NULL,
    "nonceHash" TEXT NOT NULL,
    "userAgent" TEXT,
    "ip" TEXT,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "scannedBy" TEXT,
    "scannedAt" DATETIME,
    "confirmedAt" DATETIME,
    "refusedAt" DATETIME,
    "consumedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "QrSignInTicket_ticketHash_key" ON "QrSignInTicket"("ticketHash");

-- CreateIndex
CREATE INDEX "QrSignInTicket_expiresAt_idx" ON "QrSignInTicket"("expiresAt");

