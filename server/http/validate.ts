import type { z } from 'zod';
import { badRequest, fromZod } from '../errors.js';

/**
 * Validates one part of a request; a failure is a 400 naming the field. Text
 * holding U+0000 is refused here as well: PostgreSQL cannot store it in a text
 * column (and no form field of the app needs it), so it must not reach a query.
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw fromZod(r.error, where);
  const nul = findNul(r.data, where);
  if (nul) throw badRequest(nul, 'must not contain the NUL character (U+0000)');
  return r.data;
}

/** The path of the first string holding U+0000 in a parsed value (as deep as its schema), or null. */
function findNul(v: unknown, path: string): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = findNul(v[i], `${path}.${i}`);
      if (p) return p;
    }
    return null;
  }
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    for (const [k, x] of Object.entries(v)) {
      const p = k.includes('\u0000') ? `${path}.${k}` : findNul(x, `${path}.${k}`);
      if (p) return p;
    }
  }
  return null;
}
