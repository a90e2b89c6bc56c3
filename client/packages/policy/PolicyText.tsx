import { Text, View } from '@tarojs/components';
import { Page } from '../../components/Page.js';
import type { PolicyDocument } from './texts.js';
import './policy.scss';

/** A policy text: its title and version, then each section as a card of short paragraphs and points. */
export function PolicyText({ text }: { text: PolicyDocument }) {
  return (
    <View className="policy">
      <View className="card">
        <Text className="title policy__head">{text.title}</Text>
        <Text className="muted">{`版本 ${text.version}（${text.version.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`)}起施行）`}</Text>
        {text.intro.map((p) => (
          <Text key={p} className="policy__para">
            {p}
          </Text>
        ))}
      </View>
      {text.sections.map((s) => (
        <View key={s.heading} className="card policy__section">
          <Text className="policy__heading">{s.heading}</Text>
          {s.paragraphs?.map((p) => (
            <Text key={p} className="policy__para">
              {p}
            </Text>
          ))}
          {s.items?.map((i) => (
            <Text key={i} className="policy__item">
              {`• ${i}`}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

/** The page: no privacy pop-up over it (the pop-up links here). */
export function PolicyPage({ text }: { text: PolicyDocument }) {
  // opened from the sign-in page before anyone is signed in: no session needed
  return (
    <Page privacyPrompt={false}>
      <PolicyText text={text} />
    </Page>
  );
}
