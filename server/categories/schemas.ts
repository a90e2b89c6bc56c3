import { z } from 'zod';

/** A kind of request residents can raise, with its service-level deadlines. */
export const serviceCategory = z
  .object({
    code: z.string(),
    name: z.string(),
    /** An emoji the mini-program shows large. */
    icon: z.string(),
    /** To be claimed by a grid worker within. */
    responseMinutes: z.number().int(),
    /** To be resolved within. */
    resolveMinutes: z.number().int(),
  })
  .meta({ id: 'ServiceCategory' });

export const categoryList = z.array(serviceCategory);
