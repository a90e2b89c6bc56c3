// A workbook's bytes as a stream that can be read more than once: the dry run reads
// an upload three times (two planning passes and the sealed copy) and the confirm
// its stored parts twice, each time a chunk at a time. A county's 27 MB workbook is
// never one buffer in memory (nor PostgreSQL's hex copy of it, twice its size).
import crypto from 'node:crypto';
import fs from 'node:fs';

export type WorkbookBytes = () => AsyncIterable<Buffer>;

/** The size of a stored part: small enough to stay out of the way, large enough that a county's file is 27 rows. */
export const PART_BYTES = 1 << 20;

/** An upload that multer wrote to disk. */
export const workbookAt = (filePath: string): WorkbookBytes => () => fs.createReadStream(filePath, { highWaterMark: PART_BYTES });

/** A workbook already in memory (the demo seed's, generated). */
export const workbookOf = (file: Buffer): WorkbookBytes => async function* () {
  yield file;
};

/** The bytes again in pieces of exactly `size` (the last one shorter). */
export async function* inParts(bytes: WorkbookBytes, size = PART_BYTES): AsyncGenerator<Buffer> {
  let held: Buffer[] = [];
  let heldBytes = 0;
  for await (const chunk of bytes()) {
    let c = chunk;
    while (heldBytes + c.length >= size) {
      const take = size - heldBytes;
      held.push(c.subarray(0, take));
      yield Buffer.concat(held, size);
      c = c.subarray(take);
      held = [];
      heldBytes = 0;
    }
    if (c.length) {
      held.push(c);
      heldBytes += c.length;
    }
  }
  if (heldBytes) yield Buffer.concat(held, heldBytes);
}

/** SHA-256 (hex) and length of the bytes. */
export async function digestOf(bytes: WorkbookBytes): Promise<{ sha256: string; length: number }> {
  const h = crypto.createHash('sha256');
  let length = 0;
  for await (const chunk of bytes()) {
    h.update(chunk);
    length += chunk.length;
  }
  return { sha256: h.digest('hex'), length };
}
