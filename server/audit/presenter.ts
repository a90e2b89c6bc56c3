import { actionLabel, fieldLabel, TARGET_LABELS } from './actions.js';
import type { AuditNames, AuditRow } from './queries.js';

const parse = (json: string | null) => (json ? (JSON.parse(json) as Record<string, unknown>) : null);

export function presentEntry(e: AuditRow, names: AuditNames) {
  const targetName =
    e.targetType === 'user' ? names.users.get(e.targetId) ?? '(已删除账号)'
    : e.targetType === 'community' ? names.communities.get(e.targetId) ?? null
    : e.targetType === 'region' ? names.regions.get(e.targetId) ?? null
    : null;
  const before = parse(e.before);
  const after = parse(e.after);
  return {
    id: e.id,
    at: e.at,
    actor: { id: e.actorId, name: names.users.get(e.actorId) ?? '(已删除账号)' },
    action: e.action,
    actionLabel: actionLabel(e.action),
    target: { type: e.targetType, typeLabel: TARGET_LABELS[e.targetType] ?? e.targetType, id: e.targetId, name: targetName },
    community: e.communityId ? { id: e.communityId, name: names.communities.get(e.communityId) ?? '' } : null,
    region: e.regionId ? { id: e.regionId, name: names.regions.get(e.regionId) ?? '' } : null,
    before,
    after,
    /** field by field, with the field's words: what the console and the export show */
    changes: [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].map((field) => ({
      field,
      label: fieldLabel(field),
      before: before ? before[field] ?? null : null,
      after: after ? after[field] ?? null : null,
    })),
    requestId: e.requestId,
  };
}

export type PresentedEntry = ReturnType<typeof presentEntry>;

/** before → after in one line of plain words, for the export: `角色: 网格员 → (无)`. */
export function changeText(e: PresentedEntry): string {
  const show = (v: unknown) => (v === undefined || v === null ? '(无)' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return e.changes.map((c) => (e.before && e.after ? `${c.label}: ${show(c.before)} → ${show(c.after)}` : `${c.label}: ${show(e.after ? c.after : c.before)}`)).join('；');
}
