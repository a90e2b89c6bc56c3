import Router from '@koa/router';
import { z } from 'zod';
import type { AppContext, AppCustom, AppState } from '../context.js';
import { requireViewer } from '../auth/middleware.js';
import { notFound } from '../errors.js';
import { singleFile, uploadedFile } from '../http/multipart.js';
import { parse } from '../http/validate.js';
import { viewerOf } from '../http/viewer.js';
import { uploadScope } from '../policies/index.js';
import { storeImage } from './storeImage.js';
import { signedUploadUrl, verifyUploadSignature } from './urls.js';

const idParams = z.object({ id: z.uuid('not an upload id') });
const signedQuery = z.object({ exp: z.coerce.number().int(), sig: z.string().min(1).max(64) });

export function uploadRoutes(maxBytes: number) {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/uploads' });
  router.post('/', requireViewer, singleFile(maxBytes), async (ctx) => {
    const u = await storeImage(ctx.deps, viewerOf(ctx), uploadedFile(ctx, 'an image'));
    ctx.status = 201;
    ctx.body = {
      id: u.id,
      url: signedUploadUrl(ctx.deps.config.sessionSecret, u.id, ctx.deps.clock()),
      width: u.width,
      height: u.height,
      bytes: u.bytes,
    };
  });

  // Either a signed URL handed out by a presenter, or a bearer token of someone in scope.
  router.get('/:id', async (ctx) => {
    const { id } = parse(idParams, ctx.params, 'params');
    const deps = ctx.deps;
    if (ctx.query.sig !== undefined) {
      const q = parse(signedQuery, ctx.query, 'query');
      if (!verifyUploadSignature(deps.config.sessionSecret, id, q.exp, q.sig, deps.clock())) throw notFound('upload');
      return sendUpload(ctx, id);
    }
    await requireViewer(ctx, async () => {
      const visible = await deps.db.upload.findFirst({ where: { AND: [{ id }, uploadScope(viewerOf(ctx))] }, select: { id: true } });
      if (!visible) throw notFound('upload');
      await sendUpload(ctx, id);
    });
  });

  return router;
}

async function sendUpload(ctx: AppContext, id: string) {
  const u = await ctx.deps.db.upload.findUnique({ where: { id } });
  if (!u) throw notFound('upload');
  const data = await ctx.deps.storage.get(u.storageKey);
  if (!data) throw notFound('upload');
  ctx.type = u.mime;
  ctx.set('Cache-Control', 'private, max-age=3600');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = data;
}
