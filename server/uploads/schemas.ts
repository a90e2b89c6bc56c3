import { z } from 'zod';

export const uploadIdParams = z.object({ id: z.uuid('not an upload id') });

/**
 * A signed URL's `exp` and `sig` (as presenters hand them out); without them the
 * request needs a bearer token of someone whose scope holds the image.
 */
export const readUploadQuery = z
  .object({
    exp: z.coerce.number().int().optional().meta({ description: 'Signed URL: when it stops working (Unix seconds)' }),
    sig: z.string().min(1).max(64).optional().meta({ description: 'Signed URL: its signature' }),
    p: z.enum(['f', 'c']).optional().meta({ description: 'Signed URL: what it is for (f: a flagged photo shown to staff, c: WeChat\'s content check)' }),
  })
  .superRefine((q, ctx) => {
    if (q.sig !== undefined && q.exp === undefined) ctx.addIssue({ code: 'custom', path: ['exp'], message: 'required with sig' });
  });

// ---- answers -------------------------------------------------------------------

/** A stored photo: its id (to attach it to an order or notice) and a signed URL to show it. */
export const uploadAnswer = z
  .object({ id: z.string(), url: z.string(), width: z.number().int(), height: z.number().int(), bytes: z.number().int() })
  .meta({ id: 'Upload' });
