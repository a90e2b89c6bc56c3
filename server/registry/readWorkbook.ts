// Reads a 户籍台账 workbook row by row with exceljs's streaming reader: the
// parsed workbook is never held whole (a county's 300,000 people would be
// gigabytes as exceljs objects), nor its bytes (workbookBytes.ts): only the
// current chunk and row.
// Sheets are told apart by their header row, not their names or order: staff
// rename and reorder sheets, and the hidden 下拉选项 sheet is skipped.
import { Readable, pipeline } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper, { type Entry } from 'unzipper';
import { AppError, badRequest } from '../errors.js';
import type { WorkbookBytes } from './workbookBytes.js';
import { BUILDING_COLUMNS, PEOPLE_COLUMNS, type BuildingHeader, type PeopleHeader } from './sheets.js';

export type SheetKind = 'buildings' | 'people';

export interface WorkbookRow<H extends string> {
  sheet: string;
  row: number;
  cell: (h: H) => string;
  /** the ID number was stored as a number (Excel keeps 15 digits: the last ones are lost) */
  numeric: (h: H) => boolean;
}

export type AnyRow = { kind: 'buildings'; r: WorkbookRow<BuildingHeader> } | { kind: 'people'; r: WorkbookRow<PeopleHeader> };

// exceljs builds every row of a piece of XML before handing the first over: with 64 KB
// pieces (a few hundred rows of a file saved with shared strings) the rows waiting their
// turn outlived the young generation and filled the old one, and a county's dry run grew
// by 600 MB in one run of three. Small pieces keep the waiting rows few.
const TEXT_PIECE = 4096;

/** Stream chunks as UTF-8 text, decoded across chunk boundaries, in pieces of TEXT_PIECE characters. */
async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const c of chunks) {
    const s = typeof c === 'string' ? c : decoder.decode(c, { stream: true });
    for (let i = 0; i < s.length; i += TEXT_PIECE) yield s.slice(i, i + TEXT_PIECE);
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * exceljs 4.4's streaming reader decodes each inflated chunk on its own, so a
 * Chinese character cut by a 16 KB chunk boundary comes out as two U+FFFD
 * (exceljs issues #2063, #2084; unfixed upstream): one name in a few thousand,
 * and then "unknown building 五��18栋". Its two XML readers are given text
 * decoded across chunks instead, and the walk over the zip is our own (parse()).
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  declare sharedStrings: unknown;
  declare workbookRels: unknown;
  declare options: { sharedStrings: string };
  declare _parseRels: (entry: Entry) => Promise<void>;
  declare _parseWorkbook: (entry: Entry) => Promise<void>;

  constructor(private readonly bytes: WorkbookBytes, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) {
    super(Readable.from([]), options);
  }

  /**
   * The zip's entries, in file order. exceljs's own parse() walks them with a helper that
   * pauses the zip between entries and stops at its 'end' event, which unzipper emits as soon
   * as the input is written, not when its entries are read: entries still buffered were
   * dropped. When the reader was slow (a busy machine: a few ms to make a temporary file),
   * the 户籍人口 sheet went missing and a good workbook got "没有户籍人口表". Node's own
   * iterator reads the buffer out before it ends.
   */
  private entries(): AsyncIterable<Entry> {
    const zip = unzipper.Parse({ forceStream: true });
    pipeline(Readable.from(this.bytes()), zip, () => {}); // an error reaches the loop through zip
    return zip as unknown as AsyncIterable<Entry>;
  }

  /**
   * What exceljs's parse() yields, without its temporary files: a sheet met before the texts
   * it refers to (Excel writes sharedStrings.xml after the sheets; our export has none) is
   * read in a second pass over the bytes, instead of being copied to /tmp in the clear
   * (ID numbers in full, left behind if the process dies).
   */
  override async *parse(): AsyncGenerator<{ eventType: string; value: unknown }> {
    const later = new Set<string>();
    for await (const entry of this.entries()) {
      const sheetNo = SHEET_PATH.exec(entry.path)?.[1];
      if (entry.path === 'xl/_rels/workbook.xml.rels') await this._parseRels(entry);
      else if (entry.path === 'xl/workbook.xml') await this._parseWorkbook(entry);
      else if (entry.path === 'xl/sharedStrings.xml') yield* this._parseSharedStrings(entry);
      else if (sheetNo && this.sharedStrings && this.workbookRels) yield* this._parseWorksheet(entry, sheetNo);
      else if (sheetNo) later.add(sheetNo);
      entry.autodrain();
    }
    if (!later.size) return;
    for await (const entry of this.entries()) {
      const sheetNo = SHEET_PATH.exec(entry.path)?.[1];
      if (sheetNo && later.has(sheetNo)) yield* this._parseWorksheet(entry, sheetNo);
      entry.autodrain();
    }
  }

  // exceljs's own cache holds each text of sharedStrings.xml as a JS string, sliced from the
  // XML it was read from: a county's file saved by Excel or WPS (a million texts) grew the
  // dry run by 800 MB. The texts are kept as UTF-8 in one buffer instead, read on demand.
  async *_parseSharedStrings(entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    const texts = new CompactTexts();
    const parse = (ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as {
      _parseSharedStrings: (e: unknown) => AsyncIterable<{ text: string | { richText: Array<{ text: string | null }> } | null }>;
    })._parseSharedStrings;
    const mode = this.options.sharedStrings;
    this.options.sharedStrings = 'emit'; // the parent then hands each text over instead of keeping it
    try {
      for await (const { text } of parse.call(this, entry)) {
        texts.push(text === null ? '' : typeof text === 'string' ? text : text.richText.map((r) => r.text ?? '').join(''));
      }
    } finally {
      this.options.sharedStrings = mode;
    }
    // the worksheet reader looks texts up as sharedStrings[index]
    this.sharedStrings = new Proxy(texts, {
      get: (t, key) => (typeof key === 'string' && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57 ? t.at(Number(key)) : undefined),
    });
  }
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Iterable<{ eventType: string; value: unknown }> {
    return (ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as { _parseWorksheet: (i: unknown, n: string) => Iterable<{ eventType: string; value: unknown }> })._parseWorksheet.call(this, utf8(iterator), sheetNo);
  }
}

const SHEET_PATH = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** Texts appended as UTF-8 to one growing buffer, each read back as a new string. */
class CompactTexts {
  private bytes = Buffer.alloc(1 << 20);
  private used = 0;
  private ends = new Uint32Array(1 << 14);
  private count = 0;
  push(text: string) {
    const need = Buffer.byteLength(text);
    if (this.used + need > this.bytes.length) {
      const more = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + need));
      this.bytes.copy(more, 0, 0, this.used);
      this.bytes = more;
    }
    this.used += this.bytes.write(text, this.used);
    if (this.count === this.ends.length) {
      const more = new Uint32Array(this.ends.length * 2);
      more.set(this.ends);
      this.ends = more;
    }
    this.ends[this.count++] = this.used;
  }
  at(i: number): string | undefined {
    if (!(i >= 0 && i < this.count)) return undefined;
    return this.bytes.toString('utf8', i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
  }
}

/** A cell as text. U+0000 (a workbook may carry it as _x0000_) is dropped: PostgreSQL text cannot hold it. */
export function cellText(v: ExcelJS.CellValue): string {
  return cellString(v).replace(/\u0000/g, '').trim();
}

function cellString(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellString(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

const headerSet = (cols: ReadonlyArray<{ header: string }>) => new Set(cols.map((c) => c.header));
const BUILDING_HEADERS = headerSet(BUILDING_COLUMNS);
const PEOPLE_HEADERS = headerSet(PEOPLE_COLUMNS);

function kindOf(headers: Map<string, number>): SheetKind | null {
  if (headers.has('姓名') || headers.has('身份证号')) return 'people';
  // the hidden 下拉选项 sheet names 网格 and 楼栋 too, beside the people's columns
  if (headers.has('与户主关系') || headers.has('就业状态')) return null;
  if (headers.has('网格') || headers.has('层数')) return 'buildings';
  return null;
}

function missingColumns(kind: SheetKind, headers: Map<string, number>) {
  const cols = kind === 'people' ? PEOPLE_COLUMNS : BUILDING_COLUMNS;
  return cols.filter((c) => 'required' in c && c.required && !headers.has(c.header)).map((c) => c.header);
}

/**
 * Every non-blank row of the workbook's 楼栋单元 and 户籍人口 sheets, in file order.
 * A file that is not an .xlsx workbook is 415; a sheet missing required columns, or
 * a workbook without a people sheet, is 400 naming them.
 */
export async function* readWorkbook(file: WorkbookBytes): AsyncGenerator<AnyRow> {
  const reader = new Utf8WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  let sawPeople = false;
  try {
    for await (const sheet of reader) {
      let headers: Map<string, number> | null = null;
      let kind: SheetKind | null = null;
      const sheetName = (sheet as unknown as { name?: string }).name ?? '';
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        if (!headers) {
          headers = new Map();
          values.forEach((v, i) => {
            const h = cellText(v);
            if (h && (BUILDING_HEADERS.has(h) || PEOPLE_HEADERS.has(h)) && !headers!.has(h)) headers!.set(h, i);
          });
          kind = kindOf(headers);
          if (!kind) continue; // the choices sheet, or a sheet of notes: not ours (read through, not left half-read)
          const missing = missingColumns(kind, headers);
          const what = kind === 'people' ? '户籍人口表' : '楼栋单元表';
          if (missing.length) throw badRequest('body.file', `${what}（第1行表头）缺少这些列：${missing.join('、')}`);
          if (kind === 'people') sawPeople = true;
          continue;
        }
        if (!kind) continue;
        if (values.every((v) => !cellText(v))) continue; // a blank line
        const h = headers;
        const r = {
          sheet: sheetName,
          row: row.number,
          cell: (name: string) => {
            const i = h.get(name);
            return i === undefined ? '' : cellText(values[i]);
          },
          numeric: (name: string) => {
            const i = h.get(name);
            return i !== undefined && typeof values[i] === 'number';
          },
        };
        yield kind === 'people' ? { kind, r } : { kind, r };
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('unsupported_media_type', 'file: 不是 Excel 工作簿（.xlsx），请用下载的模板填写后上传');
  }
  if (!sawPeople) throw badRequest('body.file', '工作簿里没有户籍人口表：表头要有 楼栋、单元、房号、与户主关系、姓名、身份证号');
}
