// Jobs and training over HTTP: posting, browsing (matches and nearest first),
// one-tap interest, outcomes into the ledger, enrolment up to capacity under
// concurrency, the waiting list, attendance, completion with points, and walls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAutomaticNotices } from '../../server/notices/automatic.js';
import { householdClients, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
const DAY = 86_400_000;
const inDays = (d: number) => new Date(s.now().getTime() + d * DAY).toISOString();

beforeAll(async () => {
  s = await startServer({ LOGIN_RATE_PER_MINUTE: '10000' });
  cast = await signInAll(s);
});
afterAll(() => s.close());

const job = (over: object = {}) => ({
  employer: '织金县食品厂',
  title: '包装工',
  kind: 'local',
  location: '织金县工业园',
  payMin: 2600,
  payMax: 3200,
  headcount: 5,
  contact: '张经理 0857-0000000',
  trades: ['electronics'],
  ...over,
});
const training = (over: object = {}) => ({
  course: '测试课程',
  trade: 'welding',
  schedule: '周一至周五 9:00-12:00',
  place: '实训室',
  startsAt: inDays(10),
  endsAt: inDays(20),
  signupDeadline: inDays(9),
  capacity: 20,
  ...over,
});

describe('job postings', () => {
  it('staff post; residents see them with the ones fitting their trades first, then nearest, then newest', async () => {
    const posted = await cast.staff.post('/api/jobs', job({ title: '家政保洁（新）', kind: 'outbound', trades: ['housekeeping'] }));
    expect(posted.status).toBe(201);
    const list = (await cast.resident.get('/api/jobs')).body;
    // demo-resident seeks housekeeping and cooking work: every match comes before every non-match
    const firstMiss = list.findIndex((j: any) => !j.matchesMe);
    expect(list.slice(firstMiss).some((j: any) => j.matchesMe)).toBe(false);
    expect(list.filter((j: any) => j.matchesMe).map((j: any) => j.title)).toContain('家政保洁（新）');
    const order = { workshop: 0, public_welfare: 1, local: 2, outbound: 3 } as Record<string, number>;
    const misses = list.slice(firstMiss).map((j: any) => order[j.kind]);
    expect([...misses].sort((a, b) => a - b)).toEqual(misses);
    // filtering by kind
    const workshops = (await cast.resident.get('/api/jobs?kind=workshop')).body;
    expect(workshops.length).toBeGreaterThan(0);
    expect(workshops.every((j: any) => j.kind === 'workshop')).toBe(true);
  });

  it('only staff post, edit and close; other communities never see them', async () => {
    expect((await cast.resident.post('/api/jobs', job())).status).toBe(403);
    expect((await cast.gridWorker.post('/api/jobs', job())).status).toBe(403);
    const j = (await cast.staff.post('/api/jobs', job({ title: '只给惠泽' }))).body;
    expect((await cast.residentHuimin.get(`/api/jobs/${j.id}`)).status).toBe(404);
    expect((await cast.residentHuimin.get('/api/jobs')).body.map((x: any) => x.id)).not.toContain(j.id);
    expect((await cast.staffHuimin.post(`/api/jobs/${j.id}/close`)).status).toBe(404);
    const edited = await s.request('PATCH', `/api/jobs/${j.id}`, { token: cast.staff.token, body: { headcount: 9 } });
    expect(edited.body.headcount).toBe(9);
    const bad = await s.request('PATCH', `/api/jobs/${j.id}`, { token: cast.staff.token, body: { payMin: 5000 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.payMax');
    expect((await cast.staff.post(`/api/jobs/${j.id}/close`)).body.status).toBe('closed');
    expect((await cast.staff.post(`/api/jobs/${j.id}/close`)).status).toBe(409);
    expect((await cast.resident.get('/api/jobs')).body.map((x: any) => x.id)).not.toContain(j.id);
    expect((await cast.resident.post(`/api/jobs/${j.id}/interest`)).status).toBe(409);
  });

  it('one tap registers interest; staff see who with a phone, mark hired, and the ledger follows', async () => {
    const j = (await cast.staff.post('/api/jobs', job({ employer: '织金县绣坊', title: '绣娘', kind: 'workshop', trades: ['embroidery'] }))).body;
    const first = await cast.resident.post(`/api/jobs/${j.id}/interest`);
    expect(first.status).toBe(200);
    const again = await cast.resident.post(`/api/jobs/${j.id}/interest`);
    expect(again.body.id).toBe(first.body.id); // a second tap is the same interest
    expect((await cast.resident.get(`/api/jobs/${j.id}`)).body).toMatchObject({ interested: true, interestedCount: 1 });
    expect((await cast.resident2.get(`/api/jobs/${j.id}`)).body).toMatchObject({ interested: false, interestedCount: 1 });
    expect((await cast.resident.get('/api/jobs/interests/mine')).body.map((i: any) => i.job.id)).toContain(j.id);
    expect((await cast.resident.get(`/api/jobs/${j.id}/interests`)).status).toBe(403);
    const interests = (await cast.staff.get(`/api/jobs/${j.id}/interests`)).body;
    expect(interests).toHaveLength(1);
    expect(interests[0].resident.phone).toMatch(/^1\d{10}$/);
    const me = (await cast.resident.get('/api/me')).body;
    const hired = await cast.staff.post(`/api/jobs/${j.id}/interests/${interests[0].id}/outcome`, { outcome: 'hired' });
    expect(hired.body).toMatchObject({ outcome: 'hired', employmentRecorded: '本地务工' });
    const history = (await cast.staff.get(`/api/employment/residents/${me.resident.id}`)).body.records;
    expect(history[0]).toMatchObject({ status: 'employed_local', employer: '织金县绣坊', current: true, source: 'hired' });
    expect(history[1]).toMatchObject({ status: 'seeking', current: false });
  });

  it('shows staff the residents seeking work whose trades fit a new posting', async () => {
    const j = (await cast.staff.post('/api/jobs', job({ title: '电焊学徒', trades: ['welding'] }))).body;
    const c = (await cast.staff.get(`/api/jobs/${j.id}/candidates`)).body;
    expect(c.length).toBeGreaterThan(0);
    expect(c.every((x: any) => x.trades.includes('welding'))).toBe(true);
    expect((await cast.gridWorker.get(`/api/jobs/${j.id}/candidates`)).status).toBe(403);
  });
});

describe('automatic notices', () => {
  it('a posting and a course published here reach the residents\' notices (平远e家)', async () => {
    registerAutomaticNotices(s.deps); // as server/main.ts does at start-up (server/notices/start.ts)
    await cast.staff.post('/api/jobs', job({ title: '面点师（自动通知测试）' }));
    await cast.staff.post('/api/trainings', training({ course: '面点培训（自动通知测试）' }));
    // the listeners run after the response: look until both are there (bounded)
    let titles: string[] = [];
    for (let i = 0; i < 100 && titles.filter((t) => t.includes('自动通知测试')).length < 2; i++) {
      if (i) await new Promise((r) => setTimeout(r, 20));
      titles = (await cast.resident.get('/api/notices?limit=50')).body.items.map((n: any) => `${n.kind} ${n.title}`);
    }
    expect(titles.some((t: string) => t.startsWith('job') && t.includes('面点师（自动通知测试）'))).toBe(true);
    expect(titles.some((t: string) => t.startsWith('training') && t.includes('面点培训（自动通知测试）'))).toBe(true);
  });
});

describe('training', () => {
  it('enrolment stops at capacity under 50 simultaneous sign-ups for 20 seats: exactly 20 get in', async () => {
    const t = (await cast.staff.post('/api/trainings', training({ capacity: 20 }))).body;
    expect(t.seatsLeft).toBe(20);
    const people = await householdClients(s, 50);
    const replies = await Promise.all(people.map((p) => p.client.post(`/api/trainings/${t.id}/enrol`, {})));
    expect(replies.filter((r) => r.status === 201 && r.body.status === 'enrolled')).toHaveLength(20);
    const full = replies.filter((r) => r.status === 409);
    expect(full).toHaveLength(30);
    expect(full[0]!.body.error.message).toMatch(/^full/);
    expect(full.every((r) => r.body.error.reason === 'full')).toBe(true);
    const roster = (await cast.staff.get(`/api/trainings/${t.id}/enrolments`)).body;
    expect(roster.enrolments.filter((e: any) => e.status === 'enrolled')).toHaveLength(20);
    expect(roster.training.seatsLeft).toBe(0);
  });

  it('the waiting list moves up when someone withdraws', async () => {
    const t = (await cast.staff.post('/api/trainings', training({ capacity: 2 }))).body;
    const people = await householdClients(s, 4);
    const enrol = (i: number, body: object = {}) => people[i]!.client.post(`/api/trainings/${t.id}/enrol`, body);
    expect((await enrol(0)).body.status).toBe('enrolled');
    expect((await enrol(1)).body.status).toBe('enrolled');
    expect((await enrol(2)).status).toBe(409);
    s.advance(1);
    expect((await enrol(2, { waitlist: true })).body).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await people[2]!.client.get(`/api/trainings/${t.id}`)).body).toMatchObject({ id: t.id, seatsLeft: 0, myEnrolment: 'waitlisted', myWaitlistPosition: 1 });
    s.advance(1);
    expect((await enrol(3, { waitlist: true })).body).toMatchObject({ status: 'waitlisted', position: 2 });
    // a repeated tap answers with the same place
    expect((await enrol(3, { waitlist: true })).body).toMatchObject({ status: 'waitlisted', position: 2 });
    const w = await people[0]!.client.post(`/api/trainings/${t.id}/withdraw`);
    expect(w.body.promotedResidentId).toBeTruthy();
    // the first in line (person 2) got the seat
    const third = (await people[2]!.client.get('/api/me')).body.resident.id;
    expect(w.body.promotedResidentId).toBe(third);
    const roster = (await cast.staff.get(`/api/trainings/${t.id}/enrolments`)).body.enrolments;
    expect(roster.find((e: any) => e.resident.id === third).status).toBe('enrolled');
    expect(roster.filter((e: any) => e.status === 'enrolled')).toHaveLength(2);
    expect((await enrol(3)).body).toMatchObject({ status: 'waitlisted', position: 1 });
    // withdrawing from the waiting list frees nothing and promotes no one
    expect((await people[3]!.client.post(`/api/trainings/${t.id}/withdraw`)).body.promotedResidentId).toBeNull();
    expect((await people[3]!.client.post(`/api/trainings/${t.id}/withdraw`)).status).toBe(409);
  });

  it('closes sign-up at the deadline', async () => {
    const t = (await cast.staff.post('/api/trainings', training({ signupDeadline: inDays(1), startsAt: inDays(2), endsAt: inDays(3) }))).body;
    s.advance(2 * 1440);
    expect((await cast.resident.post(`/api/trainings/${t.id}/enrol`, {})).status).toBe(409);
  });

  it('records attendance and completion, and completion earns points once', async () => {
    const t = (await cast.staff.post('/api/trainings', training({ trade: 'cooking' }))).body;
    const me = (await cast.resident.get('/api/me')).body;
    expect((await cast.resident.post(`/api/trainings/${t.id}/enrol`, {})).status).toBe(201);
    const list = (await cast.resident.get('/api/trainings')).body;
    const mine = list.find((x: any) => x.id === t.id);
    expect(mine).toMatchObject({ myEnrolment: 'enrolled', matchesMe: true });
    const att = await cast.staff.post(`/api/trainings/${t.id}/attendance`, { day: '2026-12-02', records: [{ residentId: me.resident.id, present: true }] });
    expect(att.status).toBe(200);
    const notEnrolled = (await cast.resident2.get('/api/me')).body.resident.id;
    const bad = await cast.staff.post(`/api/trainings/${t.id}/attendance`, { day: '2026-12-02', records: [{ residentId: notEnrolled, present: true }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.records.0');
    const before = (await cast.resident.get('/api/points/me')).body.balance;
    const done = await cast.staff.post(`/api/trainings/${t.id}/complete`, { residentIds: [me.resident.id] });
    expect(done.body).toEqual({ completed: 1, pointsAwarded: 30 });
    const again = await cast.staff.post(`/api/trainings/${t.id}/complete`, { residentIds: [me.resident.id] });
    expect(again.body.pointsAwarded).toBe(0);
    expect((await cast.resident.get('/api/points/me')).body.balance).toBe(before + 30);
    const roster = (await cast.staff.get(`/api/trainings/${t.id}/enrolments`)).body.enrolments;
    expect(roster[0]).toMatchObject({ status: 'completed', attended: 1 });
  });

  it('only staff schedule courses, link them to their own postings, and see rosters', async () => {
    expect((await cast.resident.post('/api/trainings', training())).status).toBe(403);
    const theirJob = (await cast.staffHuimin.get('/api/jobs')).body[0].id;
    const r = await cast.staff.post('/api/trainings', training({ jobIds: [theirJob] }));
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('body.jobIds.0');
    const t = (await cast.staff.post('/api/trainings', training())).body;
    expect((await cast.staffHuimin.get(`/api/trainings/${t.id}/enrolments`)).status).toBe(404);
    expect((await cast.residentHuimin.post(`/api/trainings/${t.id}/enrol`, {})).status).toBe(404);
    const bad = await cast.staff.post('/api/trainings', training({ endsAt: inDays(5) }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.endsAt');
  });
});
