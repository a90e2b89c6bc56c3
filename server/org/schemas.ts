import { z } from 'zod';
import { pageQuery } from '../http/paging.js';

export const listHouseholdsQuery = z.object({
  buildingId: z.string().min(1).max(40).optional(),
  gridId: z.string().min(1).max(40).optional(),
  tag: z
    .enum(['PARTY_MEMBER', 'LEFT_BEHIND_CHILD', 'EMPTY_NEST_ELDERLY', 'DISABLED', 'LOW_INCOME', 'MONITORED', 'VETERAN', 'MODEL_HOUSEHOLD'])
    .optional(),
  ...pageQuery(200, 50),
});

export const listResidentsQuery = z.object({
  buildingId: z.string().min(1).max(40).optional(),
  /** Part of a name or a room number. */
  q: z.string().trim().min(1).max(20).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const residentParams = z.object({ id: z.string().trim().min(1).max(40) });

export const acceptInviteBody = z.object({
  code: z.string().trim().min(4, 'the code from your grid worker').max(20),
});

export type ListHouseholdsQuery = z.infer<typeof listHouseholdsQuery>;
export type ListResidentsQuery = z.infer<typeof listResidentsQuery>;
