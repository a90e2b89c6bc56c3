import { z } from 'zod';

/** What WeChat puts in the query of every push (消息推送) and of the URL check when the push is configured. */
export const pushQuery = z.object({
  signature: z.string().regex(/^[0-9a-f]{40}$/, 'a sha1 in hex'),
  timestamp: z.string().regex(/^\d{1,12}$/, 'seconds since 1970'),
  nonce: z.string().min(1).max(64),
  /** the URL check only: echoed back when the signature is right */
  echostr: z.string().max(128).optional(),
  /** 安全模式: aes, and the message's own signature */
  encrypt_type: z.enum(['aes', 'raw']).optional(),
  msg_signature: z.string().regex(/^[0-9a-f]{40}$/, 'a sha1 in hex').optional(),
});
export type PushQuery = z.infer<typeof pushQuery>;

/**
 * A push in JSON (the data format to choose in 消息推送): in 安全模式 only `Encrypt`; in
 * 明文模式 the event itself. Other events are taken and ignored, so this stays loose.
 */
export const pushBody = z
  .object({
    Encrypt: z.string().max(100_000).optional(),
    Event: z.string().max(64).optional(),
    trace_id: z.string().max(128).optional(),
  })
  .passthrough();
export type PushBody = z.infer<typeof pushBody>;

/** The mediaCheckAsync result event (wxa_media_check), version 2. */
export const mediaCheckEvent = z.object({
  Event: z.literal('wxa_media_check'),
  trace_id: z.string().min(1).max(128),
  appid: z.string().optional(),
  errcode: z.number().optional(),
  result: z.object({ suggest: z.string(), label: z.number().optional() }).optional(),
});
