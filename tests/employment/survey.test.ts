// 就业摸底 over HTTP: staff generate a month (twice: no duplicate tasks), the grid's
// worker sees their grid's households, confirms "无变化" (nothing written to the
// ledger) or records a change (a new current record, the old one kept, not current),
// and staff see progress per grid and the households whose employment changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMonthlySurveys } from '../../server/employment/index.js';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let grid1: string;
const MONTH = '2026-12';
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  grid1 = (await cast.gridWorker.get('/api/me')).body.roles[0].gridId;
});
afterAll(() => s.close());

const records = () => s.deps.db.employmentRecord.count();
const tasksOf = (token = cast.gridWorker, q = '') => token.get(`/api/employment/surveys/${MONTH}/tasks?limit=500${q}`);

describe('generating a month', () => {
  it('makes a task per household with working-age members, once however often it is asked', async () => {
    const community = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
    const year = 2026;
    const expected = await s.deps.db.household.count({
      where: { communityId: community.id, residents: { some: { leftAt: null, birthYear: { gte: year - 60, lte: year - 16 } } } },
    });
    const first = await cast.staff.post('/api/employment/surveys', { month: MONTH });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ month: MONTH, created: expected, total: expected });
    const again = await cast.staff.post('/api/employment/surveys', {});
    expect(again.body).toEqual({ month: MONTH, created: 0, total: expected });
    expect(await s.deps.db.employmentSurveyTask.count({ where: { month: MONTH, communityId: community.id } })).toBe(expected);
    expect(await s.deps.db.employmentSurvey.count({ where: { month: MONTH, communityId: community.id } })).toBe(1);
    for (const c of [cast.gridWorker, cast.resident, cast.buildingHead, cast.reviewer]) {
      expect((await c.post('/api/employment/surveys', { month: MONTH })).status).toBe(403);
    }
    const bad = await cast.staff.post('/api/employment/surveys', { month: '2026-1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.month');
  });
});

describe("the grid worker's month", () => {
  it("lists their grid's households by place, working-age members with their status, 零就业家庭 flagged", async () => {
    const r = await tasksOf();
    expect(r.status).toBe(200);
    expect(r.body.total).toBeGreaterThan(10);
    expect(r.body.items.every((t: any) => t.household.gridId === grid1 && t.status === 'pending')).toBe(true);
    const zero = (await tasksOf(cast.gridWorker, '&zeroEmployment=true')).body;
    expect(zero.total).toBeGreaterThan(0);
    expect(zero.items.every((t: any) => t.household.zeroEmployment && t.household.employed === 0)).toBe(true);
    const places = r.body.items.map((t: any) => [t.household.building, t.household.room]);
    expect(places).toEqual([...places].sort((a: string[], b: string[]) => (a[0] === b[0] ? 0 : a[0]! < b[0]! ? -1 : 1)));
    // the other grid's worker sees none of these
    const other = (await tasksOf(cast.gridWorker2)).body;
    expect(other.items.some((t: any) => t.household.gridId === grid1)).toBe(false);
    expect((await tasksOf(cast.resident)).status).toBe(403);
  });

  it('"无变化" in one tap writes nothing to the ledger and counts as done', async () => {
    const task = (await tasksOf()).body.items[0];
    const before = await records();
    const r = await cast.gridWorker.post(`/api/employment/survey-tasks/${task.id}/unchanged`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: task.id, status: 'unchanged', records: [] });
    expect(await records()).toBe(before);
    // twice is the same
    expect((await cast.gridWorker.post(`/api/employment/survey-tasks/${task.id}/unchanged`)).body.status).toBe('unchanged');
    const progress = (await cast.staff.get(`/api/employment/surveys/${MONTH}`)).body;
    const g = progress.grids.find((x: any) => x.id === grid1);
    expect(g).toMatchObject({ done: 1, changed: 0 });
    expect(progress.community.done).toBe(1);
    expect(progress.grids.reduce((n: number, x: any) => n + x.total, 0)).toBe(progress.community.total);
  });

  it('a change writes a new current record (source survey), keeps the old one, and lists the household as changed', async () => {
    const me = (await cast.resident.get('/api/me')).body.resident;
    const task = (await tasksOf()).body.items.find((t: any) => t.household.id === me.householdId);
    expect(task).toBeTruthy();
    const historyBefore = (await cast.gridWorker.get(`/api/employment/residents/${me.id}`)).body.records;
    const oldCurrent = historyBefore.find((x: any) => x.current);
    const newStatus = oldCurrent?.status === 'employed_outbound' ? 'employed_local' : 'employed_outbound';
    const r = await cast.gridWorker.post(`/api/employment/survey-tasks/${task.id}/changes`, {
      changes: [{ residentId: me.id, status: newStatus, employer: '浙江宁波服装厂', note: '11月外出务工' }],
    });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('changed');
    expect(r.body.records).toHaveLength(1);
    expect(r.body.records[0]).toMatchObject({ residentId: me.id, status: newStatus, source: 'survey', current: true });

    const history = (await cast.gridWorker.get(`/api/employment/residents/${me.id}`)).body.records;
    expect(history).toHaveLength(historyBefore.length + 1);
    expect(history[0]).toMatchObject({ status: newStatus, current: true, source: 'survey', employer: '浙江宁波服装厂' });
    if (oldCurrent) expect(history.find((x: any) => x.id === oldCurrent.id).current).toBe(false);
    expect(history.filter((x: any) => x.current)).toHaveLength(1);

    const progress = (await cast.staff.get(`/api/employment/surveys/${MONTH}`)).body;
    expect(progress.community).toMatchObject({ done: 2, changed: 1 });
    expect(progress.changed).toHaveLength(1);
    const c = progress.changed[0];
    expect(c.household).toMatchObject({ id: me.householdId, room: '1单元 302' });
    expect(c.doneBy).toBeTruthy();
    expect(c.changes).toHaveLength(1);
    expect(c.changes[0].resident.id).toBe(me.id);
    expect(c.changes[0].after.status).toBe(newStatus);
    expect(c.changes[0].before?.id ?? null).toBe(oldCurrent?.id ?? null);

    // the same situation again changes nothing: no record, the task stays changed
    const n = await records();
    const same = await cast.gridWorker.post(`/api/employment/survey-tasks/${task.id}/changes`, {
      changes: [{ residentId: me.id, status: newStatus, employer: '浙江宁波服装厂', note: '11月外出务工' }],
    });
    expect(same.body.records).toEqual([]);
    expect(await records()).toBe(n);
    // and "无变化" afterwards does not undo the change
    expect((await cast.gridWorker.post(`/api/employment/survey-tasks/${task.id}/unchanged`)).body.status).toBe('changed');
  });

  it('refuses other grids, other roles, members of other households and bad statuses, writing nothing', async () => {
    const task = (await tasksOf()).body.items[2];
    const n = await records();
    for (const c of [cast.gridWorker2, cast.staffHuimin, cast.resident, cast.buildingHead, cast.reviewer]) {
      expect((await c.post(`/api/employment/survey-tasks/${task.id}/unchanged`)).status).toBe(404);
      expect((await c.post(`/api/employment/survey-tasks/${task.id}/changes`, { changes: [{ residentId: task.household.members[0].id, status: 'seeking' }] })).status).toBe(404);
    }
    const stranger = (await cast.resident2.get('/api/me')).body.resident.id;
    const wrong = await cast.gridWorker.post(`/api/employment/survey-tasks/${task.id}/changes`, { changes: [{ residentId: stranger, status: 'seeking' }] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe('body.changes.0.residentId');
    const bad = await cast.gridWorker.post(`/api/employment/survey-tasks/${task.id}/changes`, { changes: [{ residentId: task.household.members[0].id, status: 'retired' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.changes.0.status');
    expect((await cast.gridWorker.post(`/api/employment/survey-tasks/${task.id}/changes`, { changes: [] })).status).toBe(400);
    expect(await records()).toBe(n);
    expect((await s.deps.db.employmentSurveyTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('pending');
    // staff of the community may do it too
    expect((await cast.staff.post(`/api/employment/survey-tasks/${task.id}/unchanged`)).body.status).toBe('unchanged');
    expect((await cast.gridWorker.get(`/api/employment/surveys/${MONTH}`)).status).toBe(403);
  });
});

describe('the background task on the 1st', () => {
  it("generates the new month for every community, once", async () => {
    const communities = await s.deps.db.community.count();
    // to 2027-01-01 00:30 China time
    const target = Date.parse('2027-01-01T00:30:00+08:00');
    s.advance((target - s.now().getTime()) / 60_000);
    const first = await generateMonthlySurveys(s.deps);
    expect(first.tasksCreated).toBeGreaterThan(0);
    expect(await s.deps.db.employmentSurvey.count({ where: { month: '2027-01' } })).toBe(communities);
    const tasks = await s.deps.db.employmentSurveyTask.count({ where: { month: '2027-01' } });
    expect(await generateMonthlySurveys(s.deps)).toEqual({ tasksCreated: 0 });
    expect(await s.deps.db.employmentSurveyTask.count({ where: { month: '2027-01' } })).toBe(tasks);
    const p = (await cast.staff.get('/api/employment/surveys/2027-01')).body;
    expect(p).toMatchObject({ generated: true, community: { done: 0 } });
  });
});
