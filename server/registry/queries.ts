// The RegistryImport table, this folder's own: a dry run's preview and its sealed
// workbook until it is confirmed or superseded. The workbook column is written and
// read in raw SQL on the driver (sqlOf), never through Prisma: the engine-free client
// copies a Bytes parameter into its WebAssembly query compiler and back (base64 and
// JSON on the way), which took 20 s and 450 MB of memory that is never given back for
// a 9 MB file (docs/benchmarks.md). Every other read selects the row without it.
import { sqlOf, type Db, type DbTx } from '../db.js';
import { newId } from '../ids.js';
import { sql } from '../sql.js';

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

/** Every column but the workbook. */
const WITHOUT_FILE = {
  id: true,
  communityId: true,
  createdById: true,
  createdAt: true,
  fileName: true,
  fileHash: true,
  registryHash: true,
  planHash: true,
  preview: true,
  status: true,
  confirmedAt: true,
  confirmedById: true,
  result: true,
} as const;

/** A new preview replaces the community's earlier ones not yet confirmed: their workbooks (full ID numbers) are emptied. */
export async function insertImport(db: Db, data: NewRegistryImport) {
  const id = newId();
  await sqlOf(db).transaction(async (s) => {
    await s.run(sql`UPDATE "RegistryImport" SET "status" = 'superseded', "fileSealed" = NULL WHERE "communityId" = ${data.communityId} AND "status" = 'previewed'`);
    await s.run(sql`INSERT INTO "RegistryImport" ("id", "communityId", "createdById", "createdAt", "fileName", "fileHash", "fileSealed", "registryHash", "planHash", "preview", "status")
      VALUES (${id}, ${data.communityId}, ${data.createdById}, ${data.createdAt}, ${data.fileName}, ${data.fileHash}, ${data.fileSealed}, ${data.registryHash}, ${data.planHash}, ${data.preview}, 'previewed')`);
  });
  return (await findImport(db, id))!;
}

export const findImport = (db: DbTx, id: string) => db.registryImport.findUnique({ where: { id }, select: WITHOUT_FILE });

/** The sealed workbook of a preview not yet confirmed or superseded, or null. */
export async function sealedFileOf(db: Db, id: string): Promise<Buffer | null> {
  const row = await sqlOf(db).one<{ file: Uint8Array | null }>(sql`SELECT "fileSealed" AS "file" FROM "RegistryImport" WHERE "id" = ${id}`);
  return row?.file ? Buffer.from(row.file.buffer, row.file.byteOffset, row.file.byteLength) : null;
}

/** Confirmed once: the update is conditional, so two confirms at once apply once. */
export const markConfirmed = (db: DbTx, id: string, by: string, at: Date, result: string) =>
  db.registryImport.updateMany({ where: { id, status: 'previewed' }, data: { status: 'confirmed', confirmedAt: at, confirmedById: by, result, fileSealed: null } });
