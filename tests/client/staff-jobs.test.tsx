// Staff manage jobs and training against a fake server: publish a posting, see who
// registered and mark the outcome, schedule a course, take attendance, complete it.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RosterEntry, TrainingRoster as Roster } from '../../client/api/types.js';
import { JobForm } from '../../client/packages/staff/jobs/JobForm.js';
import { JobInterests } from '../../client/packages/staff/jobs/JobInterests.js';
import { JobsDesk } from '../../client/packages/staff/jobs/JobsDesk.js';
import { TrainingForm } from '../../client/packages/staff/trainings/TrainingForm.js';
import { TrainingRoster } from '../../client/packages/staff/trainings/TrainingRoster.js';
import { pick, settle, settleAll, tap, tapLabel, type } from './support/dom.js';
import { job, training } from './support/fixtures.js';
import { fakeServer, refusal } from './support/network.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const cardOf = (text: string) => within(screen.getByText(text).closest('.card') as HTMLElement);

describe('就业培训 for staff', () => {
  it('lists every posting with how many registered, and the courses with their seats', async () => {
    const server = fakeServer({
      'GET /api/jobs': [{ ...job({ id: 'j-1' }), interestedCount: 3 }, { ...job({ id: 'j-2', title: '保洁员', status: 'closed' }), interestedCount: 0 }],
      'GET /api/trainings': [training({ id: 't-1', seatsLeft: 0 }), training({ id: 't-2', course: '电焊工培训', capacity: 20, seatsLeft: 12 })],
    });
    const onOpenJob = vi.fn();
    const onOpenTraining = vi.fn();
    const onNewTraining = vi.fn();
    render(<JobsDesk onOpenJob={onOpenJob} onOpenTraining={onOpenTraining} onNewJob={vi.fn()} onNewTraining={onNewTraining} />);
    await settle();
    expect(server.to('GET /api/jobs')[0]!.query).toEqual({ all: 'true', limit: '100' });
    expect(server.to('GET /api/trainings')[0]!.query).toEqual({ all: 'true', limit: '100' });
    expect(cardOf('家政服务员/养老护理员').getByText('🙋 3 人有意向 ›')).toBeTruthy();
    expect(cardOf('家政服务员/养老护理员').getByText('招聘中')).toBeTruthy();
    expect(cardOf('保洁员').getByText('已停止招聘')).toBeTruthy();
    await tap('保洁员');
    expect(onOpenJob).toHaveBeenCalledWith('j-2');

    await tap('🎓 培训');
    expect(cardOf('家政服务与养老护理培训').getByText(/已报 25\/25 人（满了）/)).toBeTruthy();
    expect(cardOf('电焊工培训').getByText(/已报 8\/20 人/)).toBeTruthy();
    expect(cardOf('电焊工培训').getByText('报名中')).toBeTruthy();
    await tap('电焊工培训');
    expect(onOpenTraining).toHaveBeenCalledWith('t-2');
    await tap('➕ 安排新培训');
    expect(onNewTraining).toHaveBeenCalled();
  });

  it('says when there is nothing yet, and in words when the list cannot be had', async () => {
    fakeServer({ 'GET /api/jobs': [], 'GET /api/trainings': refusal(500, 'internal', 'internal error') });
    render(<JobsDesk onOpenJob={vi.fn()} onOpenTraining={vi.fn()} onNewJob={vi.fn()} onNewTraining={vi.fn()} />);
    await settle();
    expect(screen.getByText('还没有发布岗位。')).toBeTruthy();
    await tap('🎓 培训');
    expect(screen.getByText('系统出了点问题，请稍后再试。')).toBeTruthy();
  });
});

describe('发布岗位', () => {
  const fill = async () => {
    await type('比如：平远新城帮扶车间', '平远新城帮扶车间');
    await type('比如：缝纫工', '缝纫工');
    await tap('帮扶车间');
    await type('比如：社区扶贫车间二楼', '社区扶贫车间二楼');
    await type('最低，比如 2800', '2800');
    await type('最高，比如 4000', '3600');
    await type('比如 10', '12');
    await type('比如：王主任 0857-7621001', '王主任 0857-7621001');
    await tap('服装加工');
    await tap('蜡染刺绣');
  };

  it('publishes a posting with what a resident needs to know', async () => {
    const server = fakeServer({ 'POST /api/jobs': (c) => ({ status: 201, body: { ...job({ id: 'j-9' }), ...(c.body as object) } }) });
    const onCreated = vi.fn();
    render(<JobForm onCreated={onCreated} now={() => new Date(2026, 10, 22, 10, 0)} />);
    await settle();
    await fill();
    await pick('报名截止（可以不选）', '2026-12-15');
    await tap('发布岗位');
    await settle();
    expect(server.to('POST /api/jobs')[0]!.body).toEqual({
      employer: '平远新城帮扶车间',
      title: '缝纫工',
      kind: 'workshop',
      location: '社区扶贫车间二楼',
      payMin: 2800,
      payMax: 3600,
      payUnit: 'month',
      headcount: 12,
      requirements: '',
      contact: '王主任 0857-7621001',
      trades: ['garment', 'embroidery'],
      deadline: new Date(2026, 11, 15, 23, 59).toISOString(),
    });
    expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: 'j-9' }));
  });

  it('checks the form before sending, and explains the server’s refusal of a field', async () => {
    const server = fakeServer({ 'POST /api/jobs': refusal(400, 'invalid_request', 'body.payMax: must not be below payMin', { details: [{ path: 'body.payMax', message: 'must not be below payMin' }] }) });
    render(<JobForm onCreated={vi.fn()} />);
    await settle();
    await tap('发布岗位');
    expect(screen.getByText('请写招工的单位。')).toBeTruthy();
    await fill();
    await type('最高，比如 4000', '2000');
    await tap('发布岗位');
    expect(screen.getByText('最高工资不能比最低工资少。')).toBeTruthy();
    expect(server.calls).toHaveLength(0);
    await type('最高，比如 4000', '3000');
    await tap('发布岗位');
    await settle();
    expect(screen.getByText('最高工资不能比最低工资少。')).toBeTruthy(); // now the server's word, in the same plain words
    expect(server.to('POST /api/jobs')).toHaveLength(1);
  });
});

describe('a posting’s registrations', () => {
  const interest = (id: string, name: string, outcome: 'pending' | 'hired' | 'not_hired' = 'pending') => ({
    id,
    resident: { id: `r-${id}`, name, phone: '13985551234', gender: 'F', birthYear: 1985, home: '惠泽1栋 1单元 302' },
    outcome,
    registeredAt: new Date().toISOString(),
  });

  function serve() {
    return fakeServer({
      'GET /api/jobs/j-1': { ...job({ id: 'j-1' }), interestedCount: 2 },
      'GET /api/jobs/j-1/interests': [interest('i-1', '杨秀英'), interest('i-2', '王明', 'not_hired')],
      'GET /api/jobs/j-1/candidates': [
        { resident: { id: 'r-i-1', name: '杨秀英', phone: '13985551234', birthYear: 1985, home: '惠泽1栋 1单元 302' }, trades: ['housekeeping'] },
        { resident: { id: 'r-7', name: '张桂芬', phone: '13700001111', birthYear: 1979, home: '惠泽2栋 3单元 402' }, trades: ['caregiving'] },
      ],
      'POST /api/jobs/j-1/interests/i-1/outcome': { id: 'i-1', outcome: 'hired', employmentRecorded: '本地务工' },
      'POST /api/jobs/j-1/close': { ...job({ id: 'j-1', status: 'closed' }) },
    });
  }

  it('shows who registered with a phone to call, and marks a hire (which goes into the ledger)', async () => {
    const server = serve();
    const onCall = vi.fn();
    render(<JobInterests id="j-1" onCall={onCall} />);
    await settle();
    expect(screen.getByText('有意向的人（2）')).toBeTruthy();
    const yang = cardOf('杨秀英');
    expect(yang.getByText('等联系')).toBeTruthy();
    await act(async () => {
      fireEvent.click(yang.getByText('📞 13985551234'));
    });
    expect(onCall).toHaveBeenCalledWith('13985551234');
    expect(cardOf('王明').getByText('没录用')).toBeTruthy();
    expect(cardOf('王明').queryByText('录用了')).toBeNull();
    // a candidate who already registered is not listed twice
    expect(screen.getAllByText('杨秀英')).toHaveLength(1);
    expect(cardOf('张桂芬').getByText('想做：养老护理')).toBeTruthy();
    await tap('📞 13700001111');
    expect(onCall).toHaveBeenCalledWith('13700001111');

    await tap('录用了');
    await settle();
    expect(server.to('POST /api/jobs/j-1/interests/i-1/outcome')[0]!.body).toEqual({ outcome: 'hired' });
    expect(screen.getByText('已录用，已记进就业台账（本地务工）。')).toBeTruthy();
    expect(cardOf('杨秀英').getByText('已录用')).toBeTruthy();
  });

  it('stops the posting only after a yes', async () => {
    const server = serve();
    const confirm = vi.fn(async () => false);
    render(<JobInterests id="j-1" confirm={confirm} />);
    await settle();
    await tap('停止招聘');
    await settle();
    expect(server.to('POST /api/jobs/j-1/close')).toHaveLength(0);
    confirm.mockResolvedValueOnce(true);
    await tap('停止招聘');
    await settleAll();
    expect(server.to('POST /api/jobs/j-1/close')).toHaveLength(1);
    expect(screen.getByText('已停止招聘')).toBeTruthy();
  });

  it('explains a posting already stopped elsewhere', async () => {
    const server = serve();
    server.on('POST /api/jobs/j-1/close', refusal(409, 'invalid_transition', 'the posting is already closed'));
    render(<JobInterests id="j-1" confirm={async () => true} />);
    await settle();
    await tap('停止招聘');
    await settle();
    expect(screen.getByText('这个岗位已经停止招聘了。')).toBeTruthy();
  });
});

describe('安排培训', () => {
  it('schedules a course against open postings, with whole days for the dates', async () => {
    const server = fakeServer({
      'GET /api/jobs': [job({ id: 'j-1' })],
      'POST /api/trainings': (c) => ({ status: 201, body: training({ id: 't-9', ...(c.body as object) }) }),
    });
    const onCreated = vi.fn();
    render(<TrainingForm onCreated={onCreated} now={() => new Date(2026, 10, 22, 10, 0)} />);
    await settle();
    await type('比如：缝纫工技能培训', '养老护理员培训');
    await tap('养老护理');
    await type('比如：周二、周四 14:00-17:00', '周一至周五 9:00-16:00');
    await type('比如：社区党群服务中心三楼', '社区党群服务中心三楼');
    await pick('开课', '2026-12-07');
    await pick('结课', '2026-12-18');
    await type('比如 30', '30');
    await tap('安排培训');
    expect(screen.getByText('请选开课、结课和报名截止的日期。')).toBeTruthy();
    await pick('报名截止', '2026-12-07');
    await tap('安排培训');
    expect(screen.getByText('报名截止要在开课之前（最晚开课前一天）。')).toBeTruthy();
    expect(server.to('POST /api/trainings')).toHaveLength(0);
    await pick('报名截止', '2026-12-04');
    await tap('家政服务员/养老护理员（织金县家政服务中心）');
    await tap('安排培训');
    await settle();
    expect(server.to('POST /api/trainings')[0]!.body).toEqual({
      course: '养老护理员培训',
      trade: 'caregiving',
      schedule: '周一至周五 9:00-16:00',
      place: '社区党群服务中心三楼',
      startsAt: new Date(2026, 11, 7, 8, 0).toISOString(),
      endsAt: new Date(2026, 11, 18, 18, 0).toISOString(),
      signupDeadline: new Date(2026, 11, 4, 23, 59).toISOString(),
      capacity: 30,
      jobIds: ['j-1'],
    });
    expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: 't-9' }));
  });
});

describe('a course’s roster', () => {
  const entry = (id: string, name: string, status: RosterEntry['status'], over: Partial<RosterEntry> = {}): RosterEntry => ({
    id,
    resident: { id: `r-${id}`, name, phone: '13800000000' },
    status,
    queuedAt: new Date().toISOString(),
    attended: 0,
    absent: 0,
    completedAt: null,
    ...over,
  });
  const roster = (): Roster =>
    ({
      training: training({ id: 't-1', capacity: 3, seatsLeft: 0 }),
      enrolments: [
        entry('e-1', '杨秀英', 'enrolled', { attended: 3, absent: 1 }),
        entry('e-2', '王秀兰', 'enrolled', { attended: 4 }),
        entry('e-3', '罗小芬', 'completed', { attended: 8, completedAt: new Date().toISOString() }),
        entry('e-4', '张桂芬', 'waitlisted'),
        entry('e-5', '李梅', 'waitlisted'),
        entry('e-6', '石青', 'withdrawn'),
      ],
    }) as Roster;

  function serve() {
    return fakeServer({
      'GET /api/trainings/t-1/enrolments': roster(),
      'POST /api/trainings/t-1/attendance': (c) => ({ day: (c.body as { day: string }).day, recorded: (c.body as { records: unknown[] }).records.length }),
      'POST /api/trainings/t-1/complete': { completed: 2, pointsAwarded: 100 },
    });
  }

  it('shows who has a seat, the waiting list in order, and who left', async () => {
    serve();
    render(<TrainingRoster id="t-1" now={new Date(2026, 10, 22, 10, 0)} />);
    await settle();
    expect(screen.getByText('已报名 3/3 人，排队 2 人')).toBeTruthy();
    const roll = within(screen.getByText('名单（3）').nextElementSibling as HTMLElement);
    expect(roll.getByText('到课 3 次，缺 1 次')).toBeTruthy();
    expect(screen.getByText('🎓 已结业 · 到课 8 次')).toBeTruthy();
    const waiting = Array.from(document.querySelectorAll('.badge--wait')).map((b) => b.textContent);
    expect(waiting).toEqual(['第 1 位', '第 2 位']);
    expect(screen.getByText('石青')).toBeTruthy();
  });

  it('takes attendance for a day: everyone there unless tapped', async () => {
    const server = serve();
    render(<TrainingRoster id="t-1" now={new Date(2026, 10, 22, 10, 0)} />);
    await settle();
    await tapLabel('王秀兰 到了');
    expect(screen.getByText('✘ 没到')).toBeTruthy();
    await pick('哪一天的课', '2026-11-20');
    await tap('保存点名');
    await settleAll();
    expect(server.to('POST /api/trainings/t-1/attendance')[0]!.body).toEqual({
      day: '2026-11-20',
      records: [
        { residentId: 'r-e-1', present: true },
        { residentId: 'r-e-2', present: false },
        { residentId: 'r-e-3', present: true },
      ],
    });
    expect(screen.getByText('已记下 11月20日（周五） 的点名：到了 2 人，没到 1 人。')).toBeTruthy();
    expect(server.to('GET /api/trainings/t-1/enrolments')).toHaveLength(2); // the counts again
  });

  it('completes the ticked ones after a yes, and says the points it earned', async () => {
    const server = serve();
    const confirm = vi.fn(async () => true);
    render(<TrainingRoster id="t-1" confirm={confirm} />);
    await settle();
    await tap('给选中的 0 人结业');
    expect(screen.getByText('请先点选结业的人。')).toBeTruthy();
    await tap('全选');
    await tap('给选中的 2 人结业');
    await settleAll();
    expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ content: '给选中的 2 人结业吗？结业后按积分规则给他们家加分。' }));
    expect(server.to('POST /api/trainings/t-1/complete')[0]!.body).toEqual({ residentIds: ['r-e-1', 'r-e-2'] });
    expect(screen.getByText('✅ 2 人已结业，共发了 100 积分。')).toBeTruthy();
  });

  it('explains attendance refused for someone no longer on the list', async () => {
    const server = serve();
    server.on('POST /api/trainings/t-1/attendance', refusal(400, 'invalid_request', 'body.records.1: not enrolled in this course', { details: [{ path: 'body.records.1', message: 'not enrolled in this course' }] }));
    render(<TrainingRoster id="t-1" />);
    await settle();
    await tap('保存点名');
    await settle();
    expect(screen.getByText('有的人已经不在这门课的名单上了，请刷新后再点名。')).toBeTruthy();
  });
});
