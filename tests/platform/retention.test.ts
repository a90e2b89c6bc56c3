// Retention (#16 part 5, shared/retention.ts): order photos a year after the order
// closed, access-log entries after three years; the sweeper runs under a lease.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_LOG_RETENTION_DAYS, ORDER_PHOTO_RETENTION_DAYS } from '../../shared/retention.js';
import { forgetOldAccessLog } from '../../server/accessLog/index.js';
import { holdLease } from '../../server/leases.js';
import { forgetOldOrderPhotos } from '../../server/orders/index.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
const DAY = 24 * 60;

beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s?.close());

/** A photo on a closed order (stored bytes, Upload row, OrderPhoto row), and one on an open order. */
async function photoOn(status: 'closed' | 'submitted') {
  const db = s.deps.db;
  // the oldest (the demo orders are filed minutes apart), not whichever the database returns first: the same order every run
  const order = await db.order.findFirstOrThrow({ where: { status }, orderBy: { createdAt: 'asc' }, include: { events: { take: 1, orderBy: { createdAt: 'asc' } } } });
  const key = `${order.communityId}/test/${order.id}-${status}.jpg`;
  await s.deps.storage.put(key, Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg');
  const upload = await db.upload.create({ data: { communityId: order.communityId, ownerId: order.filedById, storageKey: key, mime: 'image/jpeg', bytes: 4, width: 1, height: 1, sha256: 'x', createdAt: s.now() } });
  await db.orderPhoto.create({ data: { communityId: order.communityId, orderId: order.id, eventId: order.events[0]!.id, uploadId: upload.id } });
  if (status === 'closed') await db.order.update({ where: { id: order.id }, data: { closedAt: s.now() } });
  return { order, upload, key };
}

describe('the retention sweeper', () => {
  it('deletes the photos of orders closed over a year ago, bytes and rows, and nothing else', async () => {
    const closed = await photoOn('closed');
    const open = await photoOn('submitted');
    const photosBefore = await s.deps.db.orderPhoto.count();
    s.advance((ORDER_PHOTO_RETENTION_DAYS - 1) * DAY);
    expect(await forgetOldOrderPhotos(s.deps)).toBe(0);
    s.advance(2 * DAY);
    // every closed order of the demo data is now past the year too: all their photos go
    const closedPhotos = await s.deps.db.orderPhoto.count({ where: { order: { status: { in: ['closed', 'cancelled'] }, closedAt: { lt: new Date(s.now().getTime() - ORDER_PHOTO_RETENTION_DAYS * 86_400_000) } } } });
    expect(closedPhotos).toBeGreaterThanOrEqual(1);
    expect(await forgetOldOrderPhotos(s.deps, 1)).toBe(closedPhotos); // batches of one: the loop goes on until done
    expect(await s.deps.db.upload.findUnique({ where: { id: closed.upload.id } })).toBeNull();
    expect(await s.deps.storage.get(closed.key)).toBeNull();
    expect(await s.deps.db.order.findUnique({ where: { id: closed.order.id } })).not.toBeNull(); // the order and its timeline stay
    // the open order keeps its photo
    expect(await s.deps.db.upload.findUnique({ where: { id: open.upload.id } })).not.toBeNull();
    expect(await s.deps.storage.get(open.key)).not.toBeNull();
    expect(await s.deps.db.orderPhoto.count()).toBe(photosBefore - closedPhotos);
    expect(await forgetOldOrderPhotos(s.deps)).toBe(0);
  });

  it('deletes access-log entries older than three years, and keeps the rest', async () => {
    const db = s.deps.db;
    const at = (daysAgo: number) => new Date(s.now().getTime() - daysAgo * 86_400_000);
    const base = { communityId: 'c', actorId: 'u', residentId: 'r', field: 'idNumber', reason: '核对', requestId: 'req-retention-1' };
    await db.accessLogEntry.createMany({ data: [{ ...base, at: at(ACCESS_LOG_RETENTION_DAYS + 1) }, { ...base, at: at(ACCESS_LOG_RETENTION_DAYS + 400) }, { ...base, at: at(ACCESS_LOG_RETENTION_DAYS - 1) }, { ...base, at: at(0) }] });
    expect(await forgetOldAccessLog(s.deps, 1)).toBe(2);
    expect((await db.accessLogEntry.findMany({ where: { requestId: 'req-retention-1' } })).length).toBe(2);
    expect(await forgetOldAccessLog(s.deps)).toBe(0);
  });

  it('runs on one instance at a time: the lease', async () => {
    expect(await holdLease(s.deps, 'retention', 'instance-a', 3 * 3600_000)).toBe(true);
    expect(await holdLease(s.deps, 'retention', 'instance-b', 3 * 3600_000)).toBe(false);
    s.advance(3 * 60 + 1); // a holder that stopped renewing loses it
    expect(await holdLease(s.deps, 'retention', 'instance-b', 3 * 3600_000)).toBe(true);
  });
});
