// The 户籍台账 reader on its own: every sheet reaches the planner whatever order the
// zip holds its parts in and however slowly the planner takes its rows (exceljs's own
// walk over the zip dropped the sheets still buffered when unzipper said 'end' early:
// a good workbook answered "没有户籍人口表" on a busy machine), and no sheet is
// copied to the temporary folder on the way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readWorkbook, type AnyRow } from '../../server/registry/readWorkbook.js';
import { workbookOf } from '../../server/registry/workbookBytes.js';
import { writeRegistryWorkbook } from '../../server/registry/workbookOut.js';

const PEOPLE = [
  ['1栋', '1单元', '101', '户主', '杨光明', '', '', '', '', '', '', '', ''],
  ['1栋', '1单元', '101', '配偶', '王秀英', '', '', '', '', '', '', '', ''],
  ['2栋', '1单元', '302', '户主', '罗开富', '', '', '', '', '', '', '', ''],
];
const content = {
  grids: ['一网格'],
  buildings: ['1栋', '2栋'],
  buildingRows: [['1栋', '1单元', '一网格', '6'], ['2栋', '1单元', '一网格', '6']],
  peopleRows: PEOPLE,
};

/** The same parts rezipped with the workbook, its relations and its texts ahead of the sheets (as some tools write them). */
async function textsFirst(xlsx: Buffer): Promise<Buffer> {
  const from = await JSZip.loadAsync(xlsx);
  const to = new JSZip();
  const names = Object.keys(from.files).filter((n) => !from.files[n]!.dir);
  const first = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'];
  for (const name of [...first.filter((n) => names.includes(n)), ...names.filter((n) => !first.includes(n))]) {
    to.file(name, await from.files[name]!.async('nodebuffer'));
  }
  return to.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** What a planner sees, taking `pause` ms over each row. */
async function readSlowly(xlsx: Buffer, pause: number) {
  const seen: string[] = [];
  for await (const x of readWorkbook(workbookOf(xlsx))) {
    seen.push(describeRow(x));
    await sleep(pause);
  }
  return seen;
}

const describeRow = (x: AnyRow) => (x.kind === 'people' ? `people ${x.r.row} ${x.r.cell('姓名')}` : `building ${x.r.row} ${x.r.cell('楼栋')}`);

const EVERY_ROW = ['building 2 1栋', 'building 3 2栋', 'people 2 杨光明', 'people 3 王秀英', 'people 4 罗开富'];

describe('reading a 户籍台账 workbook', () => {
  const orders = {
    'our export (inline texts, the sheets first)': () => writeRegistryWorkbook(content, 3),
    'as Excel saves it (shared texts after the sheets)': () => writeRegistryWorkbook(content, 3, { sharedStrings: true }),
    'texts ahead of the sheets': async () => textsFirst(await writeRegistryWorkbook(content, 3, { sharedStrings: true })),
  };
  for (const [order, make] of Object.entries(orders)) {
    it(`hands over every row of both sheets to a slow reader: ${order}`, async () => {
      const xlsx = await make();
      expect(await readSlowly(xlsx, 0)).toEqual(EVERY_ROW);
      // 20 ms a row: long enough for unzipper to reach the end of the zip while a sheet is being read
      expect(await readSlowly(xlsx, 20)).toEqual(EVERY_ROW);
    });
  }

  it('keeps no copy of a sheet in the temporary folder while it reads', async () => {
    const xlsx = await writeRegistryWorkbook(content, 3, { sharedStrings: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-read-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = dir; // where exceljs (through the tmp package) parked sheets met before the texts
    try {
      expect(os.tmpdir()).toBe(dir);
      const onDisk: string[][] = [];
      for await (const _ of readWorkbook(workbookOf(xlsx))) onDisk.push(fs.readdirSync(dir));
      expect(onDisk).toHaveLength(EVERY_ROW.length);
      expect(onDisk.flat()).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
