import { z } from 'zod';

export const wechatLoginBody = z.object({
  code: z.string().trim().min(1, 'required').max(128),
});

export const devLoginBody = z.object({
  openid: z.string().trim().min(1, 'required').max(64),
});

export type WechatLoginBody = z.infer<typeof wechatLoginBody>;
export type DevLoginBody = z.infer<typeof devLoginBody>;
