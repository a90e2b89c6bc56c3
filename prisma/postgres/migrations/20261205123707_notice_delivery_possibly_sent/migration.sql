-- AlterEnum
ALTER TYPE "DeliveryStatus" ADD VALUE 'possibly_sent';

