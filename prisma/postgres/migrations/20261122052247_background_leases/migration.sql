-- CreateTable
CREATE TABLE "BackgroundLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BackgroundLease_pkey" PRIMARY KEY ("name")
);

