import { z } from 'zod';

const id = z.string().trim().min(1, 'required').max(40);

export const buildingIdParams = z.object({ id });
export const gridIdParams = z.object({ id });

/** Link a building (or a grid) to a group the bot is in, to a WeCom group robot, or (groupId: null) unlink it. */
export const linkGroupBody = z
  .object({
    groupId: id.nullable().optional(),
    wecom: z
      .object({
        /** The robot's webhook address (or only its key), from the WeCom group's robot settings. */
        webhook: z.string().trim().min(1, 'required').max(300),
        topic: z.string().trim().min(1, 'required').max(60),
      })
      .optional(),
  })
  .refine((b) => (b.groupId !== undefined) !== (b.wecom !== undefined), {
    message: 'give either groupId or wecom',
    path: ['groupId'],
  });

export type LinkGroupBody = z.infer<typeof linkGroupBody>;
