import { z } from 'zod';
import { ORDER_LIMITS } from '../../shared/limits.js';
import { id, isoDate } from '../http/fields.js';
import { dateTime } from '../http/dates.js';
import { OPEN311_PURPOSES } from '../policies/index.js';

// ---- GeoReport v2 (/open311/v2) ------------------------------------------------------
// Field names are the specification's (http://wiki.open311.org/GeoReport_v2), snake case.

/** `.json` or `.xml`: the spec's format suffix. */
const format = z.enum(['json', 'xml']);
export const formatParams = z.object({ format });
export const requestParams = z.object({ id, format });

/** Every call names its key (the spec's api_key); jurisdiction_id, when given, must be the key's community. */
const keyFields = {
  api_key: z.string().trim().min(1).max(100).optional(),
  jurisdiction_id: z.string().trim().min(1).max(40).optional(),
};
export const keyQuery = z.object(keyFields);

const commaList = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** The spec's filters; with service_request_id the others are ignored, as it says. */
export const requestsQuery = z
  .object({
    ...keyFields,
    service_request_id: commaList.pipe(z.array(id).min(1).max(100)).optional(),
    service_code: commaList.pipe(z.array(z.string().min(1).max(40)).min(1).max(100)).optional(),
    /** requested at or after (ISO 8601 with a zone); default: 90 days before end_date */
    start_date: dateTime().optional(),
    /** requested before; default: now */
    end_date: dateTime().optional(),
    status: commaList.pipe(z.array(z.enum(['open', 'closed'])).min(1)).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.start_date && q.end_date && q.start_date >= q.end_date) ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'must be after start_date' });
  });
export type RequestsQuery = z.output<typeof requestsQuery>;

const optionalText = (max: number) => z.string().trim().max(max).optional().transform((s) => (s ? s : undefined));

/** POST requests.json, as a form (the spec's) or as JSON. */
export const postRequestBody = z.object({
  ...keyFields,
  service_code: z.string().trim().min(1, 'required').max(40),
  description: z.string().trim().min(ORDER_LIMITS.description.min, 'say a few words about the problem').max(ORDER_LIMITS.description.max),
  /** a household the community knows: its id (address_id of GET requests with a hotline key) */
  address_id: optionalText(40),
  /** 惠泽1栋2单元302, 惠泽1栋 302: the building's name and the room */
  address_string: optionalText(100),
  lat: optionalText(20),
  long: optionalText(20),
  first_name: optionalText(20),
  last_name: optionalText(20),
  phone: optionalText(20),
  email: optionalText(100),
  device_id: optionalText(100),
  account_id: optionalText(100),
  media_url: optionalText(500),
});
export type PostRequestBody = z.output<typeof postRequestBody>;

// ---- answers -------------------------------------------------------------------------

export const service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.literal(false),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});
export const servicesAnswer = z.array(service).meta({ id: 'Open311Services' });

export const serviceRequest = z
  .object({
    service_request_id: z.string(),
    status: z.enum(['open', 'closed']),
    status_notes: z.string().nullable(),
    service_name: z.string(),
    service_code: z.string(),
    description: z.string(),
    agency_responsible: z.string(),
    service_notice: z.string().nullable(),
    requested_datetime: isoDate,
    updated_datetime: isoDate,
    expected_datetime: isoDate.nullable(),
    /** the building; with a hotline key, the building, unit and room */
    address: z.string(),
    /** the building's id; with a hotline key, the household's (what POST takes) */
    address_id: z.string(),
    zipcode: z.string().nullable(),
    lat: z.number().nullable(),
    long: z.number().nullable(),
    media_url: z.string().nullable(),
    /** hotline keys only (server/policies/visibility.ts OPEN311_FIELDS): whom the order is for */
    resident_name: z.string().optional(),
    resident_phone: z.string().nullable().optional(),
    /** hotline keys only, on requests that key filed: the caller it gave */
    caller_name: z.string().nullable().optional(),
    caller_phone: z.string().nullable().optional(),
  })
  .meta({ id: 'Open311ServiceRequest' });
export const requestsAnswer = z.array(serviceRequest).meta({ id: 'Open311ServiceRequests' });

export const postAnswer = z
  .array(z.object({ service_request_id: z.string(), service_notice: z.string(), account_id: z.string().nullable() }))
  .meta({ id: 'Open311Filed' });

// ---- API keys (/api/open311/keys, the console's 对接 page) ------------------------------

export const PURPOSE_LABELS = { status: '查询进度（不含个人信息）', hotline: '热线转办（可报事，含居民姓名电话）' } as const;

export const keysQuery = z.object({ communityId: id.optional() });
export const issueKeyBody = z.object({
  communityId: id.optional(),
  /** 12345热线, 街道网格平台 */
  name: z.string().trim().min(1, 'required').max(30),
  purpose: z.enum(OPEN311_PURPOSES),
});
export type IssueKeyBody = z.output<typeof issueKeyBody>;
export const keyIdParams = z.object({ id });

export const open311Key = z
  .object({
    id: z.string(),
    communityId: z.string(),
    name: z.string(),
    purpose: z.enum(OPEN311_PURPOSES),
    /** the key's first characters, to tell keys apart (the key itself is shown once) */
    keyPrefix: z.string(),
    createdAt: isoDate,
    createdBy: z.string().nullable(),
    revokedAt: isoDate.nullable(),
    lastUsedAt: isoDate.nullable(),
  })
  .meta({ id: 'Open311Key' });
export const keysAnswer = z.object({ items: z.array(open311Key) });
export const issuedKey = z.object({ key: open311Key, apiKey: z.string() });
