// 我的信息 (PIPL Art. 45): what the community holds about me and my household, in
// plain words and large type, each part with its own 「这条不对」 that starts a
// correction request naming that part. Everything shown is what GET /api/me/data sent:
// phones as the server sends them; ID numbers hidden on screen until asked for
// (a phone is read in public: the copy to save has them in full).
import { Button, Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import type { MyDataCopy, MyHouseholdMember } from '../../api/types.js';
import { REDEMPTION_WORDS, ROLE_WORDS, STATUS_WORDS, TAG_WORDS } from '../../lib/words.js';

/** How many of a long list the page shows; the saved copy has them all. */
const SHOWN = 5;

/** 5224**********0217: the first four and last four, for the screen. */
export const maskIdNumber = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : id);

const dateWords = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
};

function Row({ k, children }: { k: string; children: ReactNode }) {
  return (
    <View className="kv">
      <Text className="kv__k">{k}</Text>
      <Text className="kv__v">{children}</Text>
    </View>
  );
}

/** Only an account linked to a household may ask for a correction: for others, null (no buttons). */
type OnCorrect = ((item: string) => void) | null;

function Wrong({ item, onCorrect }: { item: string; onCorrect: OnCorrect }) {
  if (!onCorrect) return null;
  return (
    <Button className="btn btn--secondary btn--small mydata__wrong" onClick={() => onCorrect(item)}>
      这条不对
    </Button>
  );
}

function Section({ title, item, onCorrect, children }: { title: string; item: string; onCorrect: OnCorrect; children: ReactNode }) {
  return (
    <View className="card mydata__section">
      <Text className="subtitle mydata__title">{title}</Text>
      {children}
      <Wrong item={item} onCorrect={onCorrect} />
    </View>
  );
}

/** `…and 12 more`, under a list cut to SHOWN. */
const More = ({ total }: { total: number }) => (total > SHOWN ? <Text className="muted">还有 {total - SHOWN} 条，保存的那份里都有</Text> : null);

function Member({ m, onCorrect }: { m: MyHouseholdMember; onCorrect: OnCorrect }) {
  const [showId, setShowId] = useState(false);
  const job = m.employment.find((e) => e.current) ?? m.employment[0];
  return (
    <View className="card mydata__section">
      <Text className="subtitle mydata__title">
        {m.name}（{m.relation}）
      </Text>
      <Row k="性别">{m.gender}</Row>
      <Row k="出生">{m.birthYear ? `${m.birthYear}年` : '没有登记'}</Row>
      <Row k="电话">{m.phone ?? '没有登记'}</Row>
      <View className="kv">
        <Text className="kv__k">身份证</Text>
        <Text className="kv__v">{m.idNumber ? (showId ? m.idNumber : maskIdNumber(m.idNumber)) : '没有登记'}</Text>
      </View>
      {m.idNumber ? (
        <Button className="btn btn--secondary btn--small" onClick={() => setShowId(!showId)}>
          {showId ? '把号码藏起来' : '看完整身份证号'}
        </Button>
      ) : null}
      <Row k="就业">{job ? [job.statusLabel, job.employer].filter(Boolean).join('，') : '没有登记'}</Row>
      <Wrong item={`${m.name}的信息`} onCorrect={onCorrect} />
    </View>
  );
}

export function MyDataView({ copy, onCorrect }: { copy: MyDataCopy; onCorrect: OnCorrect }) {
  const h = copy.household;
  return (
    <View className="mydata">
      {h ? (
        <>
          <Section title="🏠 我家" item="我家的住址" onCorrect={onCorrect}>
            <Row k="住址">
              {h.building} {h.unit} {h.room}
            </Row>
            <Row k="老家">{h.originPlace ?? '没有登记'}</Row>
            <Row k="一楼">{h.groundFloor ? '是（方便老人和残疾人）' : '不是'}</Row>
          </Section>

          <Text className="subtitle">👪 家里的人（{h.members.length} 位）</Text>
          {h.members.map((m) => (
            <Member key={m.id} m={m} onCorrect={onCorrect} />
          ))}

          <Section title="🏷️ 家庭标签" item="家庭标签" onCorrect={onCorrect}>
            {h.tags.length ? (
              h.tags.map((t) => (
                <Row key={t.kind} k={TAG_WORDS[t.kind]}>
                  {t.note ?? `${dateWords(t.since)}登记`}
                </Row>
              ))
            ) : (
              <Text className="text">没有</Text>
            )}
            {h.tags.length ? <Text className="muted">社区按这些标签给您家送关爱和帮扶。</Text> : null}
          </Section>
        </>
      ) : (
        <View className="card">
          <Text className="text">这个微信还没有和住户信息关联，社区没有存您家的信息。</Text>
        </View>
      )}

      {copy.points ? (
        <Section title="⭐ 积分" item="积分" onCorrect={onCorrect}>
          <Row k="现有">{copy.points.balance} 分</Row>
          {copy.points.entries.slice(0, SHOWN).map((e) => (
            <Row key={e.id} k={dateWords(e.createdAt).replace(/^\d+年/, '')}>
              {e.amount > 0 ? `+${e.amount}` : e.amount} 分　{e.reason}
            </Row>
          ))}
          <More total={copy.points.entries.length} />
        </Section>
      ) : null}

      {h ? (
        <Section title="📋 报事" item="报事记录" onCorrect={onCorrect}>
          {copy.orders.length ? null : <Text className="text">没有</Text>}
          {copy.orders
            .slice(-SHOWN)
            .reverse()
            .map((o) => (
              <Row key={o.id} k={dateWords(o.createdAt).replace(/^\d+年/, '')}>
                {o.title}（{STATUS_WORDS[o.status]}）
              </Row>
            ))}
          <More total={copy.orders.length} />
        </Section>
      ) : null}

      {h ? (
        <Section title="🎁 积分兑换" item="兑换记录" onCorrect={onCorrect}>
          {copy.redemptions.length ? null : <Text className="text">没有</Text>}
          {copy.redemptions.slice(0, SHOWN).map((r) => (
            <Row key={r.id} k={dateWords(r.createdAt).replace(/^\d+年/, '')}>
              {r.item.name} ×{r.quantity}（{REDEMPTION_WORDS[r.status]}）
            </Row>
          ))}
          <More total={copy.redemptions.length} />
        </Section>
      ) : null}

      <View className="card mydata__section">
        <Text className="subtitle mydata__title">📱 我的微信账号</Text>
        <Row k="开始用">{dateWords(copy.account.createdAt)}</Row>
        <Row k="身份">{copy.account.roles.length ? [...new Set(copy.account.roles.map((r) => ROLE_WORDS[r.role]))].join('、') : '居民'}</Row>
        <Row k="通知">看过 {copy.noticesRead.length} 条</Row>
        <Row k="照片">上传过 {copy.photos.length} 张</Row>
      </View>
    </View>
  );
}
