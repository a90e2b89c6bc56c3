// Writes a 户籍台账 workbook (the template, empty; the export, filled) with
// exceljs's streaming writer: rows go to the zip as they are added, so a
// community of 22,000 people is not built in memory as exceljs cell objects.
// Each header carries its comment; the drop-down lists read from a hidden sheet.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  BUILDING_COLUMNS,
  BUILDING_SHEET,
  CHOICES_SHEET,
  PEOPLE_COLUMNS,
  PEOPLE_SHEET,
  RELATIONS,
  STATUS_LABELS,
  TAG_ORDER,
  tagWord,
  type Column,
} from './sheets.js';

export interface WorkbookContent {
  grids: string[];
  buildings: string[];
  buildingRows: AsyncIterable<unknown[]> | Iterable<unknown[]>;
  peopleRows: AsyncIterable<unknown[]> | Iterable<unknown[]>;
}

/** How far down the drop-downs reach in an empty template (an export: its rows and as many again). */
const TEMPLATE_ROWS = 5000;

const colLetter = (i: number) => String.fromCharCode(65 + i); // fewer than 26 columns

// ID numbers, phones and rooms as text: typed as numbers, Excel keeps 15 digits and turns the rest into zeros
const TEXT_COLUMNS = new Set(['身份证号', '联系电话', '房号']);

function header(sheet: ExcelJS.Worksheet, columns: readonly Column[]) {
  // (the streaming writer writes column styles with the first row: set before it)
  sheet.columns = columns.map((c) => ({ key: c.header, width: c.width, ...(TEXT_COLUMNS.has(c.header) ? { style: { numFmt: '@' } } : {}) }));
  const row = sheet.addRow(columns.map((c) => c.header));
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F1FB' } };
  columns.forEach((c, i) => {
    row.getCell(i + 1).note = { texts: [{ text: `${c.header}${c.required ? '（必填）' : ''}：${c.note}` }] } as ExcelJS.Comment;
  });
  row.commit();
}

function list(sheet: ExcelJS.Worksheet, column: number, lastRow: number, source: string | null, strict: boolean, prompt: string) {
  if (!source) return;
  const letter = colLetter(column);
  // exceljs's writer takes a range string: the whole column below the header
  (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
    type: 'list',
    allowBlank: true,
    formulae: [source],
    // 七彩标记 may hold several words (党员户、空巢老人): the list suggests, it does not refuse
    showErrorMessage: strict,
    errorStyle: 'stop',
    errorTitle: '不在下拉选项里',
    error: prompt,
  });
}

/**
 * The workbook's bytes. Its text is written inline; `sharedStrings` writes it the way Excel
 * and WPS save a file (every text once in sharedStrings.xml, cells pointing at it), which
 * is what an import reads once staff have opened and saved the template.
 */
export async function writeRegistryWorkbook(content: WorkbookContent, rowsHint: number, opts: { sharedStrings?: boolean } = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: opts.sharedStrings ?? false, useStyles: true });
  const lastRow = Math.max(TEMPLATE_ROWS, rowsHint * 2);

  // the choices first: the other sheets' validations point at it
  const choices = wb.addWorksheet(CHOICES_SHEET, { state: 'hidden' });
  const columns: Array<[string, readonly string[]]> = [
    ['网格', content.grids],
    ['楼栋', content.buildings],
    ['与户主关系', RELATIONS],
    ['七彩标记', TAG_ORDER.map(tagWord)],
    ['就业状态', STATUS_LABELS],
  ];
  const longest = Math.max(...columns.map(([, xs]) => xs.length));
  choices.addRow(columns.map(([h]) => h)).commit();
  for (let i = 0; i < longest; i++) choices.addRow(columns.map(([, xs]) => xs[i] ?? '')).commit();
  await choices.commit();
  const source = (i: number) => {
    const n = columns[i]![1].length;
    return n ? `'${CHOICES_SHEET}'!$${colLetter(i)}$2:$${colLetter(i)}$${n + 1}` : null;
  };

  const buildings = wb.addWorksheet(BUILDING_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  list(buildings, 2, lastRow, source(0), false, '');
  header(buildings, BUILDING_COLUMNS);
  for await (const r of content.buildingRows) buildings.addRow(r).commit();
  await buildings.commit();

  const people = wb.addWorksheet(PEOPLE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const col = (h: string) => PEOPLE_COLUMNS.findIndex((c) => c.header === h);
  list(people, col('楼栋'), lastRow, source(1), false, '');
  list(people, col('与户主关系'), lastRow, source(2), true, `可以填：${RELATIONS.join('、')}`);
  list(people, col('七彩标记'), lastRow, source(3), false, '');
  list(people, col('就业状态'), lastRow, source(4), true, `可以填：${STATUS_LABELS.join('、')}`);
  list(people, col('性别'), lastRow, '"男,女"', true, '只能填 男 或 女');
  header(people, PEOPLE_COLUMNS);
  for await (const r of content.peopleRows) people.addRow(r).commit();
  await people.commit();

  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
