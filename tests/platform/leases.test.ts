// Background task leases (server/leases.ts): one instance at a time runs a
// periodic task; a holder that stops renewing is replaced once its lease ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdLease, releaseLeases } from '../../server/leases.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.close();
});

describe('background leases', () => {
  it('one holder at a time; renewed by its holder; taken over once it runs out; released on shutdown', async () => {
    const ttl = 3 * 60_000;
    expect(await holdLease(s.deps, 'sla-escalation', 'a', ttl)).toBe(true);
    expect(await holdLease(s.deps, 'sla-escalation', 'b', ttl)).toBe(false);
    expect(await holdLease(s.deps, 'points-expiry', 'b', ttl)).toBe(true); // another task, another lease
    s.advance(2);
    expect(await holdLease(s.deps, 'sla-escalation', 'a', ttl)).toBe(true); // renewed: runs 3 minutes from now
    s.advance(2);
    expect(await holdLease(s.deps, 'sla-escalation', 'b', ttl)).toBe(false);
    s.advance(2); // a has not renewed for 4 minutes: it died
    expect(await holdLease(s.deps, 'sla-escalation', 'b', ttl)).toBe(true);
    expect(await holdLease(s.deps, 'sla-escalation', 'a', ttl)).toBe(false);
    await releaseLeases(s.deps, 'b');
    expect(await holdLease(s.deps, 'sla-escalation', 'a', ttl)).toBe(true);
    expect(await s.deps.db.backgroundLease.count()).toBe(1);
  });

  it('simultaneous claims of a free task: exactly one wins', async () => {
    const wins = await Promise.all(Array.from({ length: 8 }, (_, i) => holdLease(s.deps, 'race', `i${i}`, 60_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});
