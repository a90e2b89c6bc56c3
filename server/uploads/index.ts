// The uploads domain's public face: its routes, the signed image URLs presenters
// hand out, and where image bytes are stored (chosen in server/deps.ts).
// (server/context.ts imports storage.ts directly, for the Storage type: through
// this file it would import itself in a circle.)
export { uploadRoutes } from './routes.js';
export { signedUploadUrl } from './urls.js';
// for a resident's copy of their data (GET /api/me/data)
export { uploadsOwnedBy } from './readUpload.js';
export { LocalDiskStorage, type Storage } from './storage.js';
export { S3Storage } from './s3Storage.js';
// retention: photos of orders closed long ago (server/orders/retention.ts)
export { forgetUploads } from './forgetUploads.js';
