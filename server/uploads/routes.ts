// /api/uploads: photos for orders and notices, stored re-encoded and shown through signed URLs.
import type Koa from 'koa';
import { authenticate } from '../auth/index.js';
import type { AppCustom, AppState } from '../context.js';
import { singleFile, uploadedFile } from '../http/multipart.js';
import { route, routeGroup } from '../http/route.js';
import { readSignedUpload, readVisibleUpload } from './readUpload.js';
import { readUploadQuery, uploadAnswer, uploadIdParams } from './schemas.js';
import { storeImage } from './storeImage.js';

// the size limit is configuration, known per request; one multipart reader per limit
const readers = new Map<number, Koa.Middleware<AppState, AppCustom>>();
const readPhoto: Koa.Middleware<AppState, AppCustom> = (ctx, next) => {
  const max = ctx.deps.config.uploadMaxBytes;
  let read = readers.get(max);
  if (!read) readers.set(max, (read = singleFile(max)));
  return read(ctx, next);
};

export const uploadRoutes = routeGroup('uploads', '/api/uploads', 'Photos: checked by their bytes, re-encoded without metadata, shown through signed URLs', [
  route({
    method: 'post',
    path: '/',
    summary: 'Upload a photo (JPEG, PNG or WebP); it is re-encoded as JPEG without EXIF',
    status: 201,
    use: [readPhoto],
    upload: { field: 'file', description: 'A JPEG, PNG or WebP image, at most UPLOAD_MAX_BYTES (413 beyond); an empty or cut-off one is 400' },
    response: uploadAnswer,
    handler: ({ deps, viewer, ctx }) => storeImage(deps, viewer, uploadedFile(ctx, 'an image')),
  }),
  route({
    method: 'get',
    path: '/:id',
    summary: 'The image: through a signed URL (no sign-in, as a mini-program <Image> cannot send one), or with a bearer token of someone in scope',
    // signed URLs need no sign-in; without one the handler signs the request in itself
    auth: 'self',
    params: uploadIdParams,
    query: readUploadQuery,
    response: null,
    produces: 'image/*',
    handler: async ({ deps, ctx, params, query }) => {
      // readUploadQuery asks for exp whenever sig is there
      const image =
        query.sig !== undefined && query.exp !== undefined
          ? await readSignedUpload(deps, params.id, query.exp, query.sig, query.p)
          : await readVisibleUpload(deps, await authenticate(ctx), params.id);
      ctx.type = image.mime;
      ctx.set('Cache-Control', 'private, max-age=3600');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = image.data;
    },
  }),
]);
