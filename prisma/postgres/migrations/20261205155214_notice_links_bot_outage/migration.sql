-- AlterTable
ALTER TABLE "BotAccountState" ADD COLUMN     "outSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "NoticeLink" (
    "noticeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "page" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticeLink_pkey" PRIMARY KEY ("noticeId","kind")
);

