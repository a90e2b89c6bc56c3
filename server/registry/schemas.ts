import { z } from 'zod';
import { id, isoDate } from '../http/fields.js';

export const communityParams = z.object({ communityId: id });
export const importParams = z.object({ id });

/** Why the full ID numbers are needed: written to the access log with every person the file names. */
export const exportQuery = z.object({
  reason: z.string().trim().min(2, '请写明导出的原因（至少2个字）').max(200),
});

const counted = z.object({ new: z.number().int(), changed: z.number().int(), unchanged: z.number().int() });

export const registryChange = z
  .object({
    sheet: z.string(),
    row: z.number().int(),
    kind: z.enum(['building', 'household', 'person']),
    change: z.enum(['new', 'changed']),
    /** 惠泽1栋 / 惠泽1栋 1单元 302 / 张三（惠泽1栋 1单元 302） */
    label: z.string(),
    /** the columns that differ from the registry (empty for a new entry) */
    fields: z.array(z.string()),
  })
  .meta({ id: 'RegistryChange' });

export const registryBadRow = z.object({ sheet: z.string(), row: z.number().int(), reason: z.string() }).meta({ id: 'RegistryBadRow' });

/** Someone in the registry the workbook does not name: listed, never deleted; staff mark them 迁出 or 去世 (POST /api/org/residents/:id/leave). */
export const registryMissingPerson = z
  .object({ residentId: z.string(), name: z.string(), relation: z.string(), building: z.string(), unit: z.string(), room: z.string() })
  .meta({ id: 'RegistryMissingPerson' });

export const registryImportResult = z
  .object({
    grids: z.number().int(),
    buildings: z.number().int(),
    units: z.number().int(),
    households: z.number().int(),
    people: z.number().int(),
    employment: z.number().int(),
    seconds: z.number(),
  })
  .meta({ id: 'RegistryImportResult' });

export const registryPreview = z
  .object({
    rows: z.object({ buildings: z.number().int(), people: z.number().int() }),
    counts: z.object({
      grids: z.object({ new: z.number().int() }),
      buildings: counted,
      units: z.object({ new: z.number().int() }),
      households: counted,
      people: counted.extend({ missing: z.number().int() }),
      badRows: z.number().int(),
    }),
    /** new and changed entries in file order, the first 1,000 */
    changes: z.array(registryChange),
    /** bad rows by sheet and row number, the first 2,000 (counts.badRows says how many) */
    badRows: z.array(registryBadRow),
    /** the first 2,000 (counts.people.missing says how many) */
    missing: z.array(registryMissingPerson),
  })
  .meta({ id: 'RegistryPreview' });

export const registryImport = z
  .object({
    id: z.string(),
    communityId: z.string(),
    fileName: z.string(),
    /** SHA-256 of the uploaded workbook */
    fileHash: z.string(),
    createdAt: isoDate,
    /** previewed: waiting for the confirm; confirmed: applied; superseded: a newer upload replaced it */
    status: z.enum(['previewed', 'confirmed', 'superseded']),
    confirmedAt: isoDate.nullable(),
    result: registryImportResult.nullable(),
  })
  .extend(registryPreview.shape)
  .meta({ id: 'RegistryImport' });

export type RegistryPreview = z.infer<typeof registryPreview>;
export type RegistryImportResult = z.infer<typeof registryImportResult>;

export const communityList = z.array(
  z
    .object({ id: z.string(), name: z.string(), estate: z.string(), district: z.string(), households: z.number().int(), people: z.number().int() })
    .meta({ id: 'RegistryCommunity' }),
);
