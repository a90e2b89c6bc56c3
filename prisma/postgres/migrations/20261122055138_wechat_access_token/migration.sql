-- CreateTable
CREATE TABLE "WechatAccessToken" (
    "appId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WechatAccessToken_pkey" PRIMARY KEY ("appId")
);

