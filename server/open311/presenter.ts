// An order as GeoReport's service request, as the key's purpose may see it
// (server/policies/visibility.ts OPEN311_FIELDS).
import { ORDER_STATUS_SHORT } from '../../shared/words.js';
import { open311Sees, type Open311Purpose } from '../policies/index.js';
import type { IntegrationOrderRow } from '../orders/index.js';

/** Done from the caller's side: 办好 (awaiting the resident's word), 办结, withdrawn or merged into another. */
export const CLOSED_STATUSES = ['resolved', 'closed', 'cancelled', 'merged'] as const;
const isClosed = (s: string) => (CLOSED_STATUSES as readonly string[]).includes(s);

/** Phone and ID numbers a resident typed into the description, for keys that may not see them. */
const maskNumbers = (s: string) => s.replace(/\d{6,}[\dXx]?/g, (m) => `${m.slice(0, 3)}${'*'.repeat(Math.max(0, m.length - 5))}${m.slice(-2)}`);

export function presentRequest(o: IntegrationOrderRow, purpose: Open311Purpose, caller: { callerName: string | null; callerPhone: string | null } | undefined) {
  const rooms = open311Sees(purpose, 'room');
  const notes: string[] = [ORDER_STATUS_SHORT[o.status as keyof typeof ORDER_STATUS_SHORT] ?? o.status];
  if (o.status === 'merged' && o.mergedIntoId) notes.push(`与工单 ${o.mergedIntoId} 为同一件事，请查看该工单`);
  return {
    service_request_id: o.id,
    status: isClosed(o.status) ? ('closed' as const) : ('open' as const),
    status_notes: notes.join('：'),
    service_name: o.category.name,
    service_code: o.category.code,
    description: open311Sees(purpose, 'phone') ? o.description : maskNumbers(o.description),
    agency_responsible: `${o.community.name} ${o.grid.name}`,
    service_notice: null,
    requested_datetime: o.createdAt,
    updated_datetime: o.updatedAt,
    expected_datetime: isClosed(o.status) ? null : o.resolveDueAt,
    address: rooms ? `${o.building.name}${o.household.unit.name}${o.household.room}` : o.building.name,
    address_id: rooms ? o.householdId : o.buildingId,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
    ...(open311Sees(purpose, 'name') ? { resident_name: o.resident.name } : {}),
    ...(open311Sees(purpose, 'phone') ? { resident_phone: o.resident.phone } : {}),
    ...(caller && open311Sees(purpose, 'name') ? { caller_name: caller.callerName } : {}),
    ...(caller && open311Sees(purpose, 'phone') ? { caller_phone: caller.callerPhone } : {}),
  };
}
