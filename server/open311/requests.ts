// GeoReport v2: the services (our categories) and service requests (our orders) of the
// key's community, and filing one (a 代报 by the integration, into the 四单 flow).
import { accountOfResident } from '../auth/index.js';
import { SCENE } from '../contentSecurity.js';
import type { AppContext, Deps } from '../context.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { ordersForIntegration, submitOrder, type IntegrationOrderRow } from '../orders/index.js';
import { open311Filer, open311MayFile, type Open311Purpose } from '../policies/index.js';
import { checkUserText } from '../wechat/index.js';
import { keyOf } from './keys.js';
import { CLOSED_STATUSES, presentRequest } from './presenter.js';
import { callersOf, findHousehold, servicesOf } from './queries.js';
import type { PostRequestBody, RequestsQuery } from './schemas.js';

/** The spec: "may return up to 1000", and "default … the past 90 days". */
export const MAX_REQUESTS = 1000;
const DEFAULT_DAYS = 90;

export async function listServices(deps: Deps, ctx: AppContext) {
  const key = keyOf(ctx);
  const categories = await servicesOf(deps.db, key.communityId);
  return categories.map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: `${c.name}：${c.responseMinutes} 分钟内响应，${Math.round(c.resolveMinutes / 60)} 小时内办结`,
    metadata: false as const,
    type: 'realtime' as const,
    keywords: [c.name, c.code, ...(c.emergency ? ['紧急'] : [])].join(','),
    group: c.emergency ? '紧急求助' : '便民服务',
  }));
}

async function present(deps: Deps, ctx: AppContext, rows: IntegrationOrderRow[]) {
  const key = keyOf(ctx);
  const callers = rows.length ? await callersOf(deps.db, key.id, rows.map((r) => r.id)) : [];
  const byOrder = new Map(callers.map((c) => [c.orderId, c]));
  return rows.map((r) => presentRequest(r, key.purpose as Open311Purpose, byOrder.get(r.id)));
}

export async function listRequests(deps: Deps, ctx: AppContext, q: RequestsQuery) {
  const key = keyOf(ctx);
  const communityId = key.communityId;
  // the spec: with service_request_id, the other parameters are ignored
  if (q.service_request_id) return present(deps, ctx, await ordersForIntegration(deps.db, { communityId, ids: q.service_request_id }, MAX_REQUESTS));
  const end = q.end_date ?? deps.clock();
  const start = q.start_date ?? new Date(end.getTime() - DEFAULT_DAYS * 86_400_000);
  const statuses = new Set(q.status ?? ['open', 'closed']);
  const rows = await ordersForIntegration(
    deps.db,
    {
      communityId,
      createdFrom: start,
      createdBefore: end,
      categoryCodes: q.service_code,
      statuses: statuses.size === 1 ? (statuses.has('open') ? { notIn: CLOSED_STATUSES } : { in: CLOSED_STATUSES }) : undefined,
    },
    MAX_REQUESTS,
  );
  return present(deps, ctx, rows);
}

export async function getRequest(deps: Deps, ctx: AppContext, id: string) {
  const key = keyOf(ctx);
  // another community's order is as unknown as a made-up id
  const rows = await ordersForIntegration(deps.db, { communityId: key.communityId, ids: [id] }, 1);
  if (!rows.length) throw notFound('service_request_id');
  return present(deps, ctx, rows);
}

export async function fileRequest(deps: Deps, ctx: AppContext, body: PostRequestBody) {
  const key = keyOf(ctx);
  if (!open311MayFile(key.purpose as Open311Purpose)) throw new AppError('forbidden', 'api_key: this key only reads (its purpose is status); ask for a hotline key to file requests');
  if (!body.address_id && !body.address_string) {
    throw badRequest('address_id', 'required: the household (address_id) or its building and room (address_string, e.g. 惠泽1栋2单元302); lat/long alone cannot name a flat');
  }
  const household = await findHousehold(deps.db, key.communityId, { id: body.address_id, address: body.address_string });
  if (!household) throw notFound(body.address_id ? 'address_id: household of this community' : 'address_string: building and room of this community');
  // whom the order is for: the household's head (户主), else its first member still living there
  const resident = household.residents.find((r) => r.relation === '户主') ?? household.residents[0];
  if (!resident) throw notFound('address: nobody lives at this address now');
  const filer = open311Filer(key);
  // the caller's words go through WeChat's content check like a resident's: under the
  // account of the resident the order is for (an integration has no WeChat identity)
  const account = await accountOfResident(deps.db, resident.id);
  if (account) await checkUserText(deps, { ...filer, userId: account.id }, [{ field: 'description', text: body.description }], SCENE.post);
  const order = await submitOrder(deps, filer, { category: body.service_code, description: body.description, urgency: 'normal', photos: [], onBehalfOf: resident.id }).catch((e: unknown) => {
    // submitOrder names its own fields (body.category); the caller knows them by the spec's names
    if (e instanceof AppError && e.details?.[0]?.path === 'body.category') throw badRequest('service_code', `unknown service_code "${body.service_code}"`);
    throw e;
  });
  const callerName = [body.last_name, body.first_name].filter(Boolean).join('') || null;
  await deps.db.open311Request.create({
    data: { orderId: order.id, keyId: key.id, communityId: key.communityId, callerName, callerPhone: body.phone ?? null, callerEmail: body.email ?? null, createdAt: deps.clock() },
  });
  deps.logger.info({ orderId: order.id, keyId: key.id }, 'open311 request filed');
  return [{ service_request_id: order.id, service_notice: `已转入${order.building.name}所在网格的四单流程，${order.category.name}`, account_id: null }];
}
