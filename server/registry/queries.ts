// The RegistryImport and RegistryImportPart tables, this folder's own: a dry run's
// preview and its sealed workbook (in 1 MiB parts) until it is confirmed or
// superseded. The parts are written and read in raw SQL on the driver (sqlOf), one
// at a time, never through Prisma: the engine-free client copies a Bytes parameter
// into its WebAssembly query compiler and back (base64 and JSON on the way), which
// took 20 s and 450 MB of memory that is never given back for a 9 MB file, and even
// on the driver PostgreSQL's pg sends a bytea as hex text, twice the size
// (docs/benchmarks.md). Every read of an import selects the row without them.
import { sqlOf, type Db, type DbTx } from '../db.js';
import { newId } from '../ids.js';
import { sql } from '../sql.js';

export interface NewRegistryImport {
  communityId: string;
  createdById: string;
  createdAt: Date;
  fileName: string;
  fileHash: string;
  registryHash: string;
  planHash: string;
  preview: string;
}

/**
 * A new preview, with its workbook's sealed parts (`sealedParts(id)`, in order). It
 * replaces the community's earlier previews not yet confirmed: their workbooks (full
 * ID numbers) are deleted.
 */
export async function insertImport(db: Db, data: NewRegistryImport, sealedParts: (importId: string) => AsyncIterable<Buffer>) {
  const id = newId();
  await sqlOf(db).transaction(async (s) => {
    await s.run(sql`DELETE FROM "RegistryImportPart" WHERE "importId" IN (SELECT "id" FROM "RegistryImport" WHERE "communityId" = ${data.communityId} AND "status" = 'previewed')`);
    await s.run(sql`UPDATE "RegistryImport" SET "status" = 'superseded' WHERE "communityId" = ${data.communityId} AND "status" = 'previewed'`);
    await s.run(sql`INSERT INTO "RegistryImport" ("id", "communityId", "createdById", "createdAt", "fileName", "fileHash", "registryHash", "planHash", "preview", "status")
      VALUES (${id}, ${data.communityId}, ${data.createdById}, ${data.createdAt}, ${data.fileName}, ${data.fileHash}, ${data.registryHash}, ${data.planHash}, ${data.preview}, 'previewed')`);
    let seq = 0;
    for await (const part of sealedParts(id)) {
      await s.run(sql`INSERT INTO "RegistryImportPart" ("importId", "seq", "sealed") VALUES (${id}, ${seq}, ${part})`);
      seq++;
    }
  });
  return (await findImport(db, id))!;
}

export const findImport = (db: DbTx, id: string) => db.registryImport.findUnique({ where: { id } });

/** How many sealed parts an import's workbook has: 0 once it is confirmed or superseded. */
export async function sealedPartCount(db: Db, id: string): Promise<number> {
  const row = await sqlOf(db).one<{ n: number | bigint }>(sql`SELECT COUNT(*) AS "n" FROM "RegistryImportPart" WHERE "importId" = ${id}`);
  return Number(row?.n ?? 0);
}

/** The sealed parts of an import's workbook, in order, read one at a time (`count` from sealedPartCount). */
export async function* sealedParts(db: Db, id: string, count: number): AsyncGenerator<{ seq: number; sealed: Buffer }> {
  const s = sqlOf(db);
  for (let seq = 0; seq < count; seq++) {
    const row = await s.one<{ sealed: Uint8Array }>(sql`SELECT "sealed" FROM "RegistryImportPart" WHERE "importId" = ${id} AND "seq" = ${seq}`);
    if (!row) throw new Error(`registry import ${id} lost its workbook's part ${seq}`);
    yield { seq, sealed: Buffer.from(row.sealed.buffer, row.sealed.byteOffset, row.sealed.byteLength) };
  }
}

/** Confirmed once: the update is conditional, so two confirms at once apply once. The workbook goes with it. */
export async function markConfirmed(db: DbTx, id: string, by: string, at: Date, result: string) {
  const done = await db.registryImport.updateMany({ where: { id, status: 'previewed' }, data: { status: 'confirmed', confirmedAt: at, confirmedById: by, result } });
  // (no Bytes parameter: a delete through Prisma costs nothing extra)
  if (done.count) await db.registryImportPart.deleteMany({ where: { importId: id } });
  return done;
}
