// EXTENSION POINT: resident services whose server APIs are being built now
// (jobs and training, the points shop, notices). Each entry's button appears on
// the home page once `available` is true and its page exists in app.config.ts.
// Until then nothing is shown: a button that leads nowhere would only confuse.
export interface UpcomingService {
  key: 'jobs' | 'training' | 'points' | 'notices';
  icon: string;
  label: string;
  sub: string;
  url: string;
  available: boolean;
}

export const UPCOMING_SERVICES: UpcomingService[] = [
  { key: 'jobs', icon: '💼', label: '找工作', sub: '家门口的工作岗位', url: '/pages/jobs/index', available: false },
  { key: 'training', icon: '🎓', label: '培训报名', sub: '学手艺，拿证书', url: '/pages/training/index', available: false },
  { key: 'points', icon: '🎁', label: '我的积分', sub: '积分换东西', url: '/pages/points/index', available: false },
];

/** The "latest notices for my building" block on the home page waits for the notices API. */
export const NOTICES_AVAILABLE = false;
