import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { FormProblem, messageOf } from '../../api/errors.js';
import type { Category, OrderBrief, OrderDetail, ResidentChoice, SimilarOrder, SubmitOrderInput, UploadResult } from '../../api/types.js';
import { ActionButton } from '../../components/ActionButton.js';
import { CategoryGrid } from '../../components/CategoryGrid.js';
import { ListState } from '../../components/ListState.js';
import { PhotoPicker, usePhotos } from '../../components/Photos.js';
import { cx } from '../../lib/cx.js';
import { ORDER_LIMITS } from '../../../shared/limits.js';
import { commonProblemsOf, hasProblem, toggleProblem } from './commonProblems.js';
import { SimilarOffers } from './SimilarOffers.js';

type Step = 'who' | 'category' | 'details';

export interface RaiseWizardProps {
  categories: Category[];
  /** A building head (or worker, staff) raising it for a neighbour: pick the resident first. */
  forNeighbour: boolean;
  searchResidents: (q: string) => Promise<ResidentChoice[]>;
  submit: (body: SubmitOrderInput) => Promise<OrderDetail>;
  onDone: (order: OrderDetail) => void;
  choosePhotos?: (count: number) => Promise<string[]>;
  uploadPhoto?: (filePath: string) => Promise<Pick<UploadResult, 'id'>>;
  /**
   * Called in the 提交 tap, once the form is complete and before the order is sent: WeChat's
   * subscribe-message question (client/lib/subscribe.ts), which WeChat allows only inside a tap.
   */
  askSubscribe?: () => Promise<unknown>;
  /** 是不是这件事？ (./SimilarOffers.tsx): the open requests like this one, and joining one instead of filing */
  findSimilar?: (q: { category: string; description: string; onBehalfOf?: string }) => Promise<SimilarOrder[]>;
  joinOrder?: (id: string) => Promise<OrderBrief>;
  onJoined?: (b: OrderBrief) => void;
}

/**
 * 群众点单 in at most three steps: (for whom →) what kind → what happened, with
 * photos and the emergency switch on the same screen as the words.
 */
export function RaiseWizard({ categories, forNeighbour, searchResidents, submit, onDone, choosePhotos, uploadPhoto, askSubscribe, findSimilar, joinOrder, onJoined }: RaiseWizardProps) {
  const steps: Step[] = forNeighbour ? ['who', 'category', 'details'] : ['category', 'details'];
  const [step, setStep] = useState<Step>(steps[0]!);
  const [resident, setResident] = useState<ResidentChoice | null>(null);
  const [category, setCategory] = useState<Category | null>(null);
  const [description, setDescription] = useState('');
  const [emergency, setEmergency] = useState(false);
  const photos = usePhotos(ORDER_LIMITS.photos, choosePhotos, uploadPhoto);
  const problems = category ? commonProblemsOf(category.code) : [];
  const at = steps.indexOf(step);
  const back = at > 0 ? () => setStep(steps[at - 1]!) : null;

  const send = async () => {
    if (!category) throw new FormProblem('请先选一选是哪一类事情。');
    if (forNeighbour && !resident) throw new FormProblem('请先选是帮哪位居民报事。');
    if (description.trim().length < ORDER_LIMITS.description.min) throw new FormProblem('请点一个常见问题，或者写几个字说说是什么事。');
    if (photos.busy) throw new FormProblem('照片还在上传，请稍等一下再提交。');
    if (photos.failed) throw new FormProblem('有照片没传上。请点照片重试，或者删掉它。');
    // nothing awaited before this: WeChat shows its question only from within the tap
    if (askSubscribe) await askSubscribe();
    const order = await submit({
      category: category.code,
      description: description.trim(),
      urgency: emergency ? 'emergency' : 'normal',
      photos: photos.ids,
      ...(forNeighbour && resident ? { onBehalfOf: resident.id } : {}),
    });
    onDone(order);
  };

  return (
    <View>
      <Text className="steps">
        第 {at + 1} 步，共 {steps.length} 步
      </Text>
      {step === 'who' ? (
        <WhoStep
          search={searchResidents}
          onPick={(r) => {
            setResident(r);
            setStep('category');
          }}
        />
      ) : null}
      {step === 'category' ? (
        <View>
          <Text className="title">是哪一类事情？</Text>
          {resident ? <Text className="muted">帮 {resident.name}（{resident.building.name} {resident.room}）报事</Text> : null}
          <CategoryGrid
            categories={categories}
            value={category?.code}
            onPick={(c) => {
              setCategory(c);
              setStep('details');
            }}
          />
        </View>
      ) : null}
      {step === 'details' && category ? (
        <View>
          <Text className="title">说说是什么事</Text>
          <View className="choice choice--on" onClick={() => setStep('category')}>
            <Text>
              {category.icon} {category.name}
            </Text>
            <Text className="muted">换一类</Text>
          </View>
          {resident ? <Text className="muted">帮 {resident.name}（{resident.building.name} {resident.room}）报事</Text> : null}
          {problems.length ? (
            <View>
              <Text className="field-label">点一下常见问题（可以点几个），不用打字</Text>
              <View className="filters problems">
                {problems.map((p) => {
                  const on = hasProblem(description, p);
                  return (
                    <Text key={p} className={cx('chip', on && 'chip--on')} onClick={() => setDescription((d) => toggleProblem(d, p))}>
                      {on ? '✔ ' : ''}
                      {p}
                    </Text>
                  );
                })}
              </View>
              <Text className="field-label">还想说的，写在这里（可以不写）</Text>
            </View>
          ) : null}
          <Textarea
            className="textarea"
            value={description}
            maxlength={ORDER_LIMITS.description.max}
            placeholder="比如：厨房水管漏水，地上都是水"
            onInput={(e) => setDescription(e.detail.value)}
          />
          <Text className="field-label">拍张照片（可以不拍，最多 {ORDER_LIMITS.photos} 张）</Text>
          <PhotoPicker photos={photos} max={ORDER_LIMITS.photos} />
          <View className={cx('switch-row', 'switch-row--alarm', emergency && 'switch-row--on')} onClick={() => setEmergency(!emergency)}>
            <View className="switch-row__words">
              <Text className="text">🚨 紧急情况</Text>
              <Text className="muted">漏水漏电、有人受伤、着火等，网格员马上来</Text>
            </View>
            {/* the whole row is the switch: the words say the state, not only the knob's colour */}
            <View className="switch-row__control" onClick={(e) => e.stopPropagation()}>
              <Switch checked={emergency} color="#b3121c" onChange={(e) => setEmergency(e.detail.value)} ariaLabel="紧急情况" />
              <Text className={cx('switch-row__state', emergency && 'switch-row__state--on')}>{emergency ? '是' : '否'}</Text>
            </View>
          </View>
          {findSimilar ? (
            <SimilarOffers
              category={category.code}
              description={description}
              find={(q) => findSimilar({ ...q, ...(forNeighbour && resident ? { onBehalfOf: resident.id } : {}) })}
              // +1 is the household's own: not when filing for a neighbour
              {...(!forNeighbour && joinOrder ? { join: joinOrder } : {})}
              {...(onJoined ? { onJoined } : {})}
            />
          ) : null}
          <ActionButton onPress={send}>提交</ActionButton>
        </View>
      ) : null}
      {back ? (
        <Button className="btn btn--secondary" onClick={back}>
          上一步
        </Button>
      ) : null}
    </View>
  );
}

function WhoStep({ search, onPick }: { search: (q: string) => Promise<ResidentChoice[]>; onPick: (r: ResidentChoice) => void }) {
  const [q, setQ] = useState('');
  const [list, setList] = useState<ResidentChoice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    // wait for a pause in typing before asking the server
    const t = setTimeout(() => {
      search(q.trim())
        .then((r) => live && setList(r))
        .catch((e) => live && setError(messageOf(e)))
        .finally(() => live && setLoading(false));
    }, q ? 300 : 0);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, search, tick]);

  return (
    <View>
      <Text className="title">帮哪位居民报事？</Text>
      <Input className="input" value={q} placeholder="输入姓名或门牌号，比如 302" onInput={(e) => setQ(e.detail.value)} />
      <View className="subtitle" />
      <ListState loading={loading} error={error} empty={!list?.length} emptyText="没有找到这位居民" onRetry={() => setTick((n) => n + 1)}>
        {(list ?? []).map((r) => (
          <View key={r.id} className="choice" onClick={() => onPick(r)} ariaRole="button">
            <Text>{r.name}</Text>
            <Text className="muted">
              {r.building.name} {r.room}
            </Text>
          </View>
        ))}
      </ListState>
    </View>
  );
}
