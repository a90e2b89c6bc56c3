// 找工作 and 培训报名: one-tap interest, enrolment with the waiting list when a course is full, withdrawal.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../client/api/errors.js';
import { api } from '../../client/api/index.js';
import type { Enrolment, Training } from '../../client/api/types.js';
import { JobCard } from '../../client/packages/jobs/JobCard.js';
import { TrainingCard, type TrainingCardProps } from '../../client/packages/trainings/TrainingCard.js';
import { payWords, phoneIn } from '../../client/lib/words.js';
import { settle, tap } from './support/dom.js';
import { job, training } from './support/fixtures.js';
import { fakeServer, refusal } from './support/network.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a job posting', () => {
  it('shows what, where and the pay, marks one that fits my trades, and registers interest with one tap (without opening the card)', async () => {
    const onInterest = vi.fn(async () => undefined);
    const onOpen = vi.fn();
    render(<JobCard job={job({ id: 'j-1', matchesMe: true })} interested={false} onInterest={onInterest} onOpen={onOpen} />);
    expect(screen.getByText('👍 适合您')).toBeTruthy();
    expect(screen.getByText('县城务工')).toBeTruthy();
    expect(screen.getByText('💰 每月 3000–4500 元')).toBeTruthy();
    expect(screen.getByText('10 人')).toBeTruthy();
    expect(screen.queryByText('📞 打电话问问')).toBeNull(); // the list stays short; the detail page has the call
    await tap('🙋 我有意向');
    await settle();
    expect(onInterest).toHaveBeenCalledWith('j-1');
    expect(onOpen).not.toHaveBeenCalled();
    await tap('家政服务员/养老护理员');
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('says so once I registered, and offers nothing on a closed posting', () => {
    const { rerender } = render(<JobCard job={job({ id: 'j-1' })} interested onInterest={vi.fn()} />);
    expect(screen.getByText('✅ 已登记意向，社区会打电话联系您')).toBeTruthy();
    expect(screen.queryByText('🙋 我有意向')).toBeNull();
    rerender(<JobCard job={job({ id: 'j-1', status: 'closed' })} interested={false} onInterest={vi.fn()} />);
    expect(screen.getByText('这个岗位已经不招人了。')).toBeTruthy();
    expect(screen.queryByText('🙋 我有意向')).toBeNull();
  });

  it('in full: the requirements, the trades and a contact to call', () => {
    render(<JobCard full job={job({ id: 'j-1' })} interested={false} onInterest={vi.fn()} />);
    expect(screen.getByText('女性优先，经过家政培训')).toBeTruthy();
    expect(screen.getByText('家政')).toBeTruthy();
    expect(screen.getByText('养老护理')).toBeTruthy();
    expect(screen.getByText('罗女士 139-0857-4455')).toBeTruthy();
    expect(screen.getByText('📞 打电话问问')).toBeTruthy();
  });

  it('refused because the posting closed meanwhile (409 on 我有意向): plain words', async () => {
    const server = fakeServer({ 'POST /api/jobs/j-1/interest': refusal(409, 'invalid_transition', 'this posting is closed') });
    render(<JobCard job={job({ id: 'j-1' })} interested={false} onInterest={(id) => api.jobs.interest(id)} />);
    await tap('🙋 我有意向');
    await settle();
    expect(server.to('POST /api/jobs/j-1/interest')).toHaveLength(1);
    expect(screen.getByText('这个岗位已经不招人了。')).toBeTruthy();
  });

  it('pay and phone numbers in plain words', () => {
    expect(payWords({ min: 2800, max: 4000, unit: 'month' })).toBe('每月 2800–4000 元');
    expect(payWords({ min: 1600, max: 1600, unit: 'month' })).toBe('每月 1600 元');
    expect(payWords({ min: 250, max: null, unit: 'day' })).toBe('每天 不低于 250 元');
    expect(payWords({ min: null, max: null, unit: 'piece' })).toBe('工资面议');
    expect(phoneIn('王主任 0857-7621001')).toBe('08577621001');
    expect(phoneIn('李工 138-0857-2233')).toBe('13808572233');
    expect(phoneIn('社区服务站')).toBeNull();
  });
});

describe('培训报名', () => {
  function setup(t: Training, over: Partial<TrainingCardProps> = {}) {
    const enrol = vi.fn(async (_id: string, waitlist: boolean): Promise<Enrolment> => ({ id: 'e-1', trainingId: t.id, status: waitlist ? 'waitlisted' : 'enrolled', ...(waitlist ? { position: 3 } : {}) }));
    const withdraw = vi.fn(async () => ({ withdrawn: true as const, promotedResidentId: null }));
    const onChange = vi.fn();
    const confirm = vi.fn(async () => true);
    const props: TrainingCardProps = { training: t, enrol, withdraw, confirm, onChange, ...over };
    const view = render(<TrainingCard {...props} />);
    // the page keeps the list; follow onChange like it does
    onChange.mockImplementation((next: Training) => view.rerender(<TrainingCard {...props} training={next} />));
    return { enrol, withdraw, onChange, confirm };
  }

  it('shows the seats left and enrols with one tap', async () => {
    const { enrol, onChange } = setup(training({ id: 't-1', seatsLeft: 5 }));
    expect(screen.getByText('还剩 5 个名额（共 25 人）')).toBeTruthy();
    expect(screen.getByText('家政服务员/养老护理员（织金县家政服务中心）')).toBeTruthy();
    await tap('我要报名');
    await settle();
    expect(enrol).toHaveBeenCalledWith('t-1', false);
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ myEnrolment: 'enrolled', seatsLeft: 4 }));
    expect(screen.getByText('✅ 报名成功！请按时去上课。')).toBeTruthy();
    expect(screen.getByText('已报名')).toBeTruthy();
    expect(screen.getByText('还剩 4 个名额（共 25 人）')).toBeTruthy();
  });

  it('when the last seat went meanwhile (409 full), offers the waiting list and says the place in it', async () => {
    let calls = 0;
    const enrol = vi.fn(async (_id: string, waitlist: boolean): Promise<Enrolment> => {
      calls++;
      if (!waitlist) throw new ApiError(409, 'conflict', 'every seat is taken', { reason: 'full' });
      return { id: 'e-1', trainingId: 't-1', status: 'waitlisted', position: 3 };
    });
    setup(training({ id: 't-1', seatsLeft: 1 }), { enrol });
    await tap('我要报名');
    await settle();
    expect(screen.getByText('名额已满（共 25 人）')).toBeTruthy();
    expect(screen.getByText(/名额已经满了。可以排队等候/)).toBeTruthy();
    expect(screen.queryByText('我要报名')).toBeNull();
    await tap('排队等候');
    await settle();
    expect(enrol).toHaveBeenLastCalledWith('t-1', true);
    expect(calls).toBe(2);
    expect(screen.getByText('✅ 已经排上队了，您排第 3 位。有人退出时按先后补上，社区会通知您。')).toBeTruthy();
    expect(screen.getByText('不排队了')).toBeTruthy();
  });

  it('a full course offers the waiting list straight away', () => {
    setup(training({ id: 't-1', seatsLeft: 0 }));
    expect(screen.getByText('排队等候')).toBeTruthy();
    expect(screen.queryByText('我要报名')).toBeNull();
  });

  it('withdraws after a yes, and the seat is free again', async () => {
    const { withdraw, onChange, confirm } = setup(training({ id: 't-1', seatsLeft: 4, myEnrolment: 'enrolled' }));
    expect(screen.getByText('✅ 您已报名，请按时去上课。')).toBeTruthy();
    confirm.mockResolvedValueOnce(false);
    await tap('不去了，退出报名');
    await settle();
    expect(withdraw).not.toHaveBeenCalled();
    await tap('不去了，退出报名');
    await settle();
    expect(withdraw).toHaveBeenCalledWith('t-1');
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ myEnrolment: 'withdrawn', seatsLeft: 5 }));
    expect(screen.getByText('已经退出这门课。')).toBeTruthy();
    expect(screen.getByText('我要报名')).toBeTruthy();
  });

  it('a withdrawal whose seat goes to the waiting list leaves the course full', async () => {
    const { onChange } = setup(training({ id: 't-1', seatsLeft: 0, myEnrolment: 'enrolled' }), {
      withdraw: async () => ({ withdrawn: true as const, promotedResidentId: 'r-9' }),
    });
    await tap('不去了，退出报名');
    await settle();
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ myEnrolment: 'withdrawn', seatsLeft: 0 }));
  });

  it('says so when sign-up closed meanwhile (reason signup_closed), whatever the message says', async () => {
    fakeServer({ 'POST /api/trainings/t-1/enrol': refusal(409, 'invalid_transition', 'any words at all', { reason: 'signup_closed' }) });
    setup(training({ id: 't-1' }), { enrol: (id, waitlist) => api.trainings.enrol(id, waitlist) });
    await tap('我要报名');
    await settle();
    expect(screen.getByText('这门课的报名已经截止了。')).toBeTruthy();
  });

  it('a course whose sign-up is over offers nothing to join', () => {
    setup(training({ id: 't-1', signupDeadline: new Date(Date.now() - 86_400_000).toISOString() }));
    expect(screen.getByText('这门课的报名已经截止了。')).toBeTruthy();
    expect(screen.queryByText('我要报名')).toBeNull();
    expect(screen.queryByText('排队等候')).toBeNull();
  });

  it('on the waiting list, says the place in it', () => {
    setup(training({ id: 't-1', seatsLeft: 0, myEnrolment: 'waitlisted', myWaitlistPosition: 2 }));
    expect(screen.getByText('您在排队等候，排第 2 位。有人退出时按先后补上，社区会通知您。')).toBeTruthy();
    expect(screen.getByText('不排队了')).toBeTruthy();
  });
});
