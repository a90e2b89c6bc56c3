// The 户籍台账 workbook's shape: its two sheets, their columns with the comment
// each header carries, and the words the drop-down lists offer. The template,
// the export and the import all read these, so what one writes the other reads.
import type { HouseholdTagKind } from '@prisma/client';
import { EMPLOYMENT_STATUS_LABELS, type EmploymentStatus } from '../../shared/words.js';

export const BUILDING_SHEET = '楼栋单元';
export const PEOPLE_SHEET = '户籍人口';
/** The drop-down lists' source, a hidden sheet (a list typed into the validation itself is cut at 255 characters). */
export const CHOICES_SHEET = '下拉选项';

export interface Column {
  header: string;
  note: string;
  width: number;
  required?: boolean;
}

export const BUILDING_COLUMNS = [
  { header: '楼栋', note: '楼栋名称，与系统里一致，如：惠泽12栋', width: 14, required: true },
  { header: '单元', note: '如：1单元（只写数字 1 也可以）。一个单元一行', width: 10, required: true },
  { header: '网格', note: '这栋楼属于哪个网格，如：第1网格。新网格会自动建立', width: 12, required: true },
  { header: '层数', note: '楼有几层（数字）。可不填，不填为 6 层', width: 8 },
] as const satisfies readonly Column[];

export const PEOPLE_COLUMNS = [
  { header: '楼栋', note: '住在哪栋楼，要在「楼栋单元」表里或系统里已有', width: 14, required: true },
  { header: '单元', note: '如：1单元', width: 9, required: true },
  { header: '房号', note: '如：302。楼栋+单元+房号 确定一户', width: 8, required: true },
  { header: '与户主关系', note: '户主本人填「户主」。每户必须有且只有一个户主', width: 11, required: true },
  { header: '姓名', note: '居民姓名', width: 10, required: true },
  { header: '身份证号', note: '18位，最后一位可以是 X。请把这一列设成「文本」，否则 Excel 会把后几位变成 0', width: 21, required: true },
  { header: '性别', note: '男 或 女。可不填，按身份证号算', width: 6 },
  { header: '出生日期', note: '如：1968-05-12。可不填，按身份证号算', width: 12 },
  { header: '联系电话', note: '11位手机号，或带区号的座机，如 0857-1234567。可不填', width: 14 },
  { header: '七彩标记', note: '一户的标记写在户主那一行，几个标记用顿号隔开，如：党员户、空巢老人', width: 20 },
  { header: '就业状态', note: '从下拉里选。不填表示不改动', width: 13 },
  { header: '迁出地', note: '从哪个村搬来，写在户主那一行，如：珠藏镇新寨村', width: 16 },
  { header: '备注', note: '其他说明', width: 18 },
] as const satisfies readonly Column[];

export type BuildingHeader = (typeof BUILDING_COLUMNS)[number]['header'];
export type PeopleHeader = (typeof PEOPLE_COLUMNS)[number]['header'];

/** 七彩标记 as the community's own sheets write them; the export writes the first word. */
export const TAG_WORDS: Record<HouseholdTagKind, readonly string[]> = {
  PARTY_MEMBER: ['党员户', '党员'],
  LEFT_BEHIND_CHILD: ['留守儿童'],
  EMPTY_NEST_ELDERLY: ['空巢老人', '独居老人'],
  DISABLED: ['残疾人', '残疾', '残疾户'],
  LOW_INCOME: ['低保户', '低保'],
  MONITORED: ['防返贫监测户', '防返贫监测', '监测户'],
  VETERAN: ['退役军人'],
  MODEL_HOUSEHOLD: ['示范户', '五星级文明户', '文明户'],
};

const TAG_BY_WORD = new Map<string, HouseholdTagKind>(
  (Object.entries(TAG_WORDS) as Array<[HouseholdTagKind, readonly string[]]>).flatMap(([k, words]) => words.map((w) => [w, k] as const)),
);

export const tagOfWord = (w: string) => TAG_BY_WORD.get(w);
export const tagWord = (k: HouseholdTagKind) => TAG_WORDS[k][0]!;
/** Tags in one order, so a household's tags read and compare the same every time. */
export const TAG_ORDER = Object.keys(TAG_WORDS) as HouseholdTagKind[];

export const RELATIONS = ['户主', '配偶', '子女', '儿媳', '女婿', '父母', '孙子女', '兄弟姐妹', '其他'] as const;
export const HEAD = '户主';

const STATUS_BY_LABEL = new Map<string, EmploymentStatus>(
  (Object.entries(EMPLOYMENT_STATUS_LABELS) as Array<[EmploymentStatus, string]>).map(([k, l]) => [l, k]),
);
export const statusOfLabel = (l: string) => STATUS_BY_LABEL.get(l);
export const statusLabel = (s: EmploymentStatus) => EMPLOYMENT_STATUS_LABELS[s];
export const STATUS_LABELS = Object.values(EMPLOYMENT_STATUS_LABELS);

/** "1" → "1单元", as people type it. */
export const unitName = (s: string) => (/^\d+$/.test(s) ? `${s}单元` : s);

/** A household's key in a workbook: building + unit + room. */
export const householdKey = (building: string, unit: string, room: string) => `${building}\u0001${unit}\u0001${room}`;
export const householdLabel = (building: string, unit: string, room: string) => `${building} ${unit} ${room}`;
