// Every step of the 四单 flow, from every state, by every kind of user:
// out of scope → 404, not yours to do → 403, not from this state → 409, else 200.
// A refused request must change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
});
afterAll(() => s.close());

type State = 'submitted' | 'dispatched' | 'accepted' | 'resolved' | 'rated' | 'reopened' | 'closed' | 'cancelled';
type Action = 'dispatch' | 'claim' | 'resolve' | 'feedback' | 'review' | 'cancel';
type Actor = keyof Cast;

const STATES: State[] = ['submitted', 'dispatched', 'accepted', 'resolved', 'rated', 'reopened', 'closed', 'cancelled'];
const BODY: Record<Action, object> = {
  dispatch: {},
  claim: {},
  resolve: { note: '处理好了' },
  feedback: { satisfied: true, rating: 5 },
  review: { verdict: 'pass', comment: '同意' },
  cancel: {},
};

// The order is demo-resident's (惠泽1栋, 第1网格), dispatched to demo-gridworker.
const SEES: Record<Actor, boolean> = {
  resident: true,
  resident2: false, // another household
  buildingHead: false, // heads see what they filed, not their neighbours' requests
  gridWorker: true,
  gridWorker2: false, // another grid
  staff: true,
  reviewer: true,
  admin: true,
  residentHuimin: false, // another community
  gridWorkerHuimin: false,
  staffHuimin: false,
  // 县/街道 roles, over 惠泽: they see figures, never an order itself
  countyAdmin: false,
  countyViewer: false,
  streetAdmin: false,
  streetViewer: false,
};
const MAY: Record<Action, Actor[]> = {
  dispatch: ['staff', 'admin'],
  claim: ['gridWorker'],
  resolve: ['gridWorker'],
  feedback: ['resident'],
  review: ['reviewer'],
  cancel: ['resident'],
};
const FROM: Record<Action, State[]> = {
  dispatch: ['submitted', 'dispatched', 'reopened'],
  claim: ['dispatched', 'reopened'],
  resolve: ['accepted'],
  feedback: ['resolved'],
  review: ['resolved', 'rated'],
  cancel: ['submitted', 'dispatched'],
};

function expected(state: State, action: Action, actor: Actor): number {
  if (!SEES[actor]) return 404;
  if (!MAY[action].includes(actor)) return 403;
  return FROM[action].includes(state) ? 200 : 409;
}

async function orderIn(state: State): Promise<string> {
  const { id } = await raiseOrder(cast.resident);
  const go = (c: keyof Cast, a: string, b: object = {}) => cast[c].post(`/api/orders/${id}/${a}`, b);
  switch (state) {
    case 'submitted':
      break;
    case 'dispatched':
    case 'accepted':
    case 'resolved':
    case 'rated':
      await advanceOrder(cast, id, state);
      break;
    case 'reopened':
      await advanceOrder(cast, id, 'resolved');
      await go('resident', 'feedback', { satisfied: false, rating: 1 });
      break;
    case 'closed':
      await advanceOrder(cast, id, 'rated');
      await go('reviewer', 'review', { verdict: 'pass', comment: '好' });
      break;
    case 'cancelled':
      await go('resident', 'cancel');
      break;
  }
  const r = await cast.staff.get(`/api/orders/${id}`);
  expect(r.body.status).toBe(state === 'rated' ? 'resolved' : state);
  return id;
}

const snapshot = async (id: string) => {
  const o = (await cast.admin.get(`/api/orders/${id}`)).body;
  return JSON.stringify({ status: o.status, assignee: o.assignee, feedback: o.feedback, timeline: o.timeline.length, due: o.responseDueAt });
};

describe.each(STATES)('an order that is %s', (state) => {
  it('answers each step by each user as the rules say, and refusals change nothing', async () => {
    const shared = await orderIn(state);
    const before = await snapshot(shared);
    const got: string[] = [];
    const want: string[] = [];
    for (const action of Object.keys(BODY) as Action[]) {
      for (const actor of Object.keys(SEES) as Actor[]) {
        const status = expected(state, action, actor);
        // a step that succeeds changes the order, so it gets an order of its own
        const id = status === 200 ? await orderIn(state) : shared;
        const r = await cast[actor].post(`/api/orders/${id}/${action}`, BODY[action]);
        got.push(`${action} by ${actor}: ${r.status}`);
        want.push(`${action} by ${actor}: ${status}`);
        if (status !== 200) expect(r.body.error.code).toBe({ 403: 'forbidden', 404: 'not_found', 409: 'invalid_transition' }[status]);
      }
    }
    expect(got).toEqual(want);
    expect(await snapshot(shared)).toBe(before);
  });
});

describe('races', () => {
  it('two simultaneous claims: exactly one wins', async () => {
    const id = await orderIn('dispatched');
    const rs = await Promise.all([0, 1, 2, 3].map(() => cast.gridWorker.post(`/api/orders/${id}/claim`)));
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const o = (await cast.staff.get(`/api/orders/${id}`)).body;
    expect(o.timeline.filter((e: any) => e.action === 'claim')).toHaveLength(1);
  });

  it('a claim racing a cancel: one of them, never both', async () => {
    const id = await orderIn('dispatched');
    const [claim, cancel] = await Promise.all([
      cast.gridWorker.post(`/api/orders/${id}/claim`),
      cast.resident.post(`/api/orders/${id}/cancel`),
    ]);
    expect([claim.status, cancel.status].sort()).toEqual([200, 409]);
    const o = (await cast.staff.get(`/api/orders/${id}`)).body;
    expect(['accepted', 'cancelled']).toContain(o.status);
    expect(o.timeline).toHaveLength(3);
  });
});
