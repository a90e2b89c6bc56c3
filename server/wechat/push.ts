// WeChat's message push (消息推送, configured in the mini-program console with this
// server's /api/wechat/push, data format JSON): the URL check, and the events, of which
// the one used is wxa_media_check, the verdict on a photo sent for checking.
//
// Authenticity: the query's signature (token, timestamp, nonce) and a timestamp within
// five minutes. In 明文模式 that signature does not cover the body, so with an
// EncodingAESKey configured (安全模式, recommended) only encrypted pushes are taken,
// whose own msg_signature covers the ciphertext.
import type { Deps } from '../context.js';
import { AppError, badRequest, forbidden } from '../errors.js';
import { verdictOf } from '../contentSecurity.js';
import { decideMediaCheck } from './queries.js';
import { decryptPush, pushSignature, sameSignature } from './pushSignature.js';
import { mediaCheckEvent, type PushBody, type PushQuery } from './schemas.js';

const MAX_SKEW_SECONDS = 300;

function pushKeys(deps: Deps) {
  const { token, aesKey } = deps.config.wechat.push;
  if (!token) throw new AppError('not_found', 'message push is not configured here (WECHAT_PUSH_TOKEN)');
  return { token, aesKey };
}

function checkSignature(deps: Deps, token: string, q: PushQuery) {
  if (!sameSignature(pushSignature(token, q.timestamp, q.nonce), q.signature)) throw forbidden('push signature does not match');
  if (Math.abs(deps.clock().getTime() / 1000 - Number(q.timestamp)) > MAX_SKEW_SECONDS) throw forbidden('push timestamp too far from now');
}

/** The URL check WeChat makes when the push is configured: echo echostr if the signature is ours. */
export function verifyPushUrl(deps: Deps, q: PushQuery): string {
  const { token } = pushKeys(deps);
  checkSignature(deps, token, q);
  if (!q.echostr) throw badRequest('query.echostr', 'required for the URL check');
  return q.echostr;
}

/** One push: checked, decrypted if encrypted, and acted on; anything but a media verdict is taken and ignored. */
export async function receivePush(deps: Deps, q: PushQuery, body: PushBody): Promise<void> {
  const { token, aesKey } = pushKeys(deps);
  checkSignature(deps, token, q);
  let event: unknown = body;
  if (aesKey) {
    if (q.encrypt_type !== 'aes' || !body.Encrypt) throw forbidden('only encrypted pushes are taken here (安全模式)');
    if (!q.msg_signature) throw badRequest('query.msg_signature', 'required with encrypt_type=aes');
    if (!sameSignature(pushSignature(token, q.timestamp, q.nonce, body.Encrypt), q.msg_signature)) throw forbidden('push msg_signature does not match');
    const plain = decryptPush(aesKey, deps.config.wechat.appId ?? '', body.Encrypt);
    if (plain === null) throw forbidden('push not encrypted for this mini-program');
    try {
      event = JSON.parse(plain);
    } catch {
      throw badRequest('body.Encrypt', 'not JSON once decrypted (set the push data format to JSON)');
    }
  }
  const m = mediaCheckEvent.safeParse(event);
  if (!m.success) return;
  const verdict = m.data.errcode ? null : verdictOf(m.data.result?.suggest);
  // WeChat could not check it (errcode): the photo stays as it is, recorded unchecked
  const decided = await decideMediaCheck(deps.db, m.data.trace_id, verdict ?? 'unchecked', m.data.result?.label ?? null, deps.clock());
  if (decided && verdict === 'risky') deps.logger.info({ traceId: m.data.trace_id, label: m.data.result?.label }, 'a photo was found risky and is hidden from residents');
}
