// Generated 户籍台账 workbooks for the benchmark, the tests and the demo:
// deterministic (a seed), with valid ID numbers (GB 11643 check characters, one
// number per person), in the template's columns, and on request a few rows that
// are wrong on purpose, one of each kind the dry run must name.
import { GIVEN_FEMALE, GIVEN_MALE, ORIGINS, SURNAMES, TAG_RATES } from '../demoFacts.js';
import { EMPLOYMENT_STATUS_LABELS } from '../../shared/words.js';
import { checkCharacter } from './idNumberCheck.js';
import { tagWord } from './sheets.js';
import { writeRegistryWorkbook } from './workbookOut.js';

export interface SampleOptions {
  /** 平远-size: 109 buildings, 5,512 flats, 22,438 people */
  buildings: number;
  flats: number;
  people: number;
  /** building names are `${prefix}${n}栋` */
  prefix?: string;
  seed?: number;
  /** how many deliberately bad rows (cycling through the kinds below) */
  bad?: number;
  /** 6-digit region code of the ID numbers (织金县) */
  region?: string;
  buildingsPerGrid?: number;
  /** written as Excel saves a file: text in sharedStrings.xml (workbookOut.ts) */
  sharedStrings?: boolean;
}

export const BAD_KINDS = ['checksum', 'phone', 'tag', 'building', 'duplicate', 'twoHouseholds', 'noHead', 'sex', 'birth'] as const;
export type BadKind = (typeof BAD_KINDS)[number];

export interface SampleWorkbook {
  file: Buffer;
  /** rows of the 户籍人口 sheet that are wrong on purpose (row numbers as Excel shows them) */
  badRows: Array<{ row: number; kind: BadKind }>;
  counts: { buildings: number; units: number; households: number; people: number; peopleRows: number };
}

function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

const UNITS = 2;
const FLATS_PER_FLOOR = 2;
const STATUSES = Object.values(EMPLOYMENT_STATUS_LABELS);

/** The rows of one sample (the workbook's, and the bad ones' numbers), without writing the file. */
export function sampleRows(o: SampleOptions) {
  const r = prng(o.seed ?? 20180601);
  const prefix = o.prefix ?? '平远';
  const region = o.region ?? '520524';
  const perGrid = o.buildingsPerGrid ?? 10;
  const given = new Set<string>();
  // one number per person: the sequence runs on when a date repeats
  const idNumber = (year: number, female: boolean) => {
    const month = String(r.int(1, 12)).padStart(2, '0');
    const day = String(r.int(1, 28)).padStart(2, '0');
    let seq = r.int(0, 498);
    for (;;) {
      const s = String(seq - (seq % 2) + (female ? 0 : 1)).padStart(3, '0');
      const body = `${region}${year}${month}${day}${s}`;
      const n = body + checkCharacter(body);
      if (!given.has(n)) {
        given.add(n);
        return n;
      }
      seq = (seq + 2) % 1000;
    }
  };

  const buildingRows: unknown[][] = [];
  const flatsOf: Array<{ building: string; unit: string; room: string }> = [];
  for (let b = 0; b < o.buildings; b++) {
    const name = `${prefix}${b + 1}栋`;
    const flats = Math.floor(o.flats / o.buildings) + (b < o.flats % o.buildings ? 1 : 0);
    const floors = Math.ceil(flats / (UNITS * FLATS_PER_FLOOR));
    for (let u = 1; u <= UNITS; u++) buildingRows.push([name, `${u}单元`, `第${Math.floor(b / perGrid) + 1}网格`, floors]);
    let n = 0;
    for (let floor = 1; n < flats; floor++) {
      for (let u = 1; u <= UNITS && n < flats; u++) {
        for (let k = 1; k <= FLATS_PER_FLOOR && n < flats; k++, n++) flatsOf.push({ building: name, unit: `${u}单元`, room: `${floor}0${k}` });
      }
    }
  }

  const badEvery = o.bad ? Math.max(2, Math.floor(flatsOf.length / (o.bad + 1))) : Infinity;
  const badRows: SampleWorkbook['badRows'] = [];
  const peopleRows: unknown[][] = [];
  const base = Math.floor(o.people / o.flats);
  const extra = o.people - base * o.flats;
  let nextBad = 0;
  let lastRow: unknown[] | null = null;
  const push = (row: unknown[], bad?: BadKind) => {
    peopleRows.push(row);
    if (bad) badRows.push({ row: peopleRows.length + 1, kind: bad });
  };
  flatsOf.forEach((f, i) => {
    const size = base + (i < extra ? 1 : 0);
    const surname = r.pick(SURNAMES);
    const headBorn = r.int(1950, 1992);
    const headFemale = r.next() < 0.35;
    const tags = TAG_RATES.filter(([, rate]) => r.next() < rate).map(([k]) => tagWord(k));
    const origin = r.pick(ORIGINS);
    const members: Array<{ relation: string; female: boolean; born: number }> = [{ relation: '户主', female: headFemale, born: headBorn }];
    if (size > 1) members.push({ relation: '配偶', female: !headFemale, born: headBorn + r.int(-3, 3) });
    while (members.length < size) members.push({ relation: members.length === 2 && size > 4 && headBorn > 1975 ? '父母' : '子女', female: r.next() < 0.5, born: 0 });
    for (const m of members) if (!m.born) m.born = m.relation === '父母' ? headBorn - r.int(22, 30) : Math.min(headBorn + r.int(20, 32), 2023);
    const rows = members.map((m, k) => {
      const id = idNumber(m.born, m.female);
      const adult = m.born < 2008;
      return [
        f.building,
        f.unit,
        f.room,
        m.relation,
        `${m.relation === '配偶' ? r.pick(SURNAMES) : surname}${r.pick(m.female ? GIVEN_FEMALE : GIVEN_MALE)}`,
        id,
        m.female ? '女' : '男',
        `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
        adult ? `1${r.pick(['38', '39', '58', '87', '51'])}${String(r.int(0, 99999999)).padStart(8, '0')}` : '',
        k === 0 ? tags.join('、') : '',
        adult && m.born > 1960 ? r.pick(STATUSES) : '',
        k === 0 ? origin : '',
        '',
      ];
    });
    const kind = o.bad && nextBad < o.bad && i > 0 && i % badEvery === 0 ? BAD_KINDS[nextBad++ % BAD_KINDS.length] : undefined;
    if (!kind) {
      rows.forEach((row) => push(row));
      lastRow = rows.at(-1)!;
      return;
    }
    // one household, one mistake: the rest of its rows stay good
    const last = rows.length - 1;
    switch (kind) {
      case 'checksum': {
        const id = String(rows[last]![5]);
        rows[last]![5] = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
        rows.forEach((row, k) => push(row, k === last ? kind : undefined));
        break;
      }
      case 'phone':
        rows[last]![8] = '1380013';
        rows.forEach((row, k) => push(row, k === last ? kind : undefined));
        break;
      case 'tag':
        rows[0]![9] = '贫困户';
        // the 户主's row fails, so the rest of the household has no 户主 either: all its rows are named
        rows.forEach((row) => push(row, kind));
        break;
      case 'building':
        rows.forEach((row) => push([`${prefix}不存在栋`, ...row.slice(1)], kind));
        break;
      case 'duplicate':
        rows.forEach((row) => push(row));
        push([...rows[last]!], kind);
        break;
      case 'twoHouseholds': {
        // the last person of the household before also written here: both rows are named
        rows.forEach((row) => push(row));
        const other = lastRow!;
        const firstRow = peopleRows.findIndex((x) => x === other) + 2;
        badRows.push({ row: firstRow, kind });
        push([...rows[0]!.slice(0, 3), '子女', ...other.slice(4, 9), '', '', '', ''], kind);
        break;
      }
      case 'noHead':
        rows.forEach((row) => push([...row.slice(0, 3), row[3] === '户主' ? '其他' : row[3], ...row.slice(4)], kind));
        break;
      case 'sex':
        rows[last]![6] = rows[last]![6] === '男' ? '女' : '男';
        rows.forEach((row, k) => push(row, k === last ? kind : undefined));
        break;
      case 'birth':
        rows[last]![7] = '1901-01-01';
        rows.forEach((row, k) => push(row, k === last ? kind : undefined));
        break;
    }
    lastRow = rows.at(-1)!;
  });
  badRows.sort((a, b) => a.row - b.row);
  return {
    buildingRows,
    peopleRows,
    badRows,
    grids: [...new Set(buildingRows.map((b) => String(b[2])))],
    buildings: [...new Set(buildingRows.map((b) => String(b[0])))],
    counts: { buildings: o.buildings, units: buildingRows.length, households: flatsOf.length, people: o.people, peopleRows: peopleRows.length },
  };
}

export async function sampleWorkbook(o: SampleOptions): Promise<SampleWorkbook> {
  const s = sampleRows(o);
  const file = await writeRegistryWorkbook(
    { grids: s.grids, buildings: s.buildings, buildingRows: s.buildingRows, peopleRows: s.peopleRows },
    s.peopleRows.length,
    { sharedStrings: o.sharedStrings },
  );
  return { file, badRows: s.badRows, counts: s.counts };
}
