// The RegistryImport table, this folder's own (Prisma): a dry run's preview and
// its sealed workbook until it is confirmed or superseded.
import type { DbTx } from '../db.js';

export interface NewRegistryImport {
  communityId: string;
  createdById: string;
  createdAt: Date;
  fileName: string;
  fileHash: string;
  fileSealed: Buffer;
  registryHash: string;
  planHash: string;
  preview: string;
}

/** A new preview replaces the community's earlier ones not yet confirmed: their workbooks (full ID numbers) are emptied. */
export async function insertImport(db: DbTx, data: NewRegistryImport) {
  await db.registryImport.updateMany({ where: { communityId: data.communityId, status: 'previewed' }, data: { status: 'superseded', fileSealed: null } });
  return db.registryImport.create({ data: { ...data, fileSealed: new Uint8Array(data.fileSealed) } });
}

export const findImport = (db: DbTx, id: string) => db.registryImport.findUnique({ where: { id } });

/** Confirmed once: the update is conditional, so two confirms at once apply once. */
export const markConfirmed = (db: DbTx, id: string, by: string, at: Date, result: string) =>
  db.registryImport.updateMany({ where: { id, status: 'previewed' }, data: { status: 'confirmed', confirmedAt: at, confirmedById: by, result, fileSealed: null } });
