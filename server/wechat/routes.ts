import { route, routeGroup } from '../http/route.js';
import { receivePush, verifyPushUrl } from './push.js';
import { pushBody, pushQuery } from './schemas.js';

export const wechatRoutes = routeGroup('wechat', '/api/wechat', 'WeChat calling us: the message push (消息推送) that brings content-security verdicts', [
  route({
    method: 'get',
    path: '/push',
    summary: 'WeChat checks the push URL: echostr echoed when the signature is right (public; signed by WeChat)',
    auth: 'public',
    query: pushQuery,
    response: null,
    produces: 'text/plain',
    handler: ({ deps, query, ctx }) => {
      ctx.type = 'text/plain';
      ctx.body = verifyPushUrl(deps, query);
    },
  }),
  route({
    method: 'post',
    path: '/push',
    summary: 'A push from WeChat: the verdict on a photo (wxa_media_check); others taken and ignored (public; signed by WeChat)',
    auth: 'public',
    query: pushQuery,
    body: pushBody,
    response: null,
    produces: 'text/plain',
    handler: async ({ deps, query, body, ctx }) => {
      await receivePush(deps, query, body);
      ctx.type = 'text/plain';
      ctx.body = 'success';
    },
  }),
]);

