-- CreateTable
CREATE TABLE "Token" (
    "id" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "Token_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Token_hash_key" ON "Token"("hash");
