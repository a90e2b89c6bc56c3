import type { z } from 'zod';
import { fromZod } from '../errors.js';

/** Validates one part of a request; a failure is a 400 naming the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw fromZod(r.error, where);
  return r.data;
}
