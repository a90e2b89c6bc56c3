import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { cx } from '../../lib/cx.js';

/** A labelled one-line field; `placeholder` is also how tests find it. */
export function Field({
  label,
  value,
  onChange,
  placeholder,
  number,
  maxlength = 100,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
  number?: boolean;
  maxlength?: number;
}) {
  return (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Input className="input" type={number ? 'number' : 'text'} value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onChange(e.detail.value)} />
    </View>
  );
}

export function LongField({ label, value, onChange, placeholder, maxlength = 1000 }: { label: string; value: string; onChange: (v: string) => void; placeholder: string; maxlength?: number }) {
  return (
    <View>
      <Text className="field-label">{label}</Text>
      <Textarea className="textarea" value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onChange(e.detail.value)} />
    </View>
  );
}

/** A day picked with the system's date picker (WeChat's wheel, the browser's Taro picker). */
export function DayField({ label, value, onChange, start, placeholder = '点这里选日期' }: { label: string; value: string; onChange: (v: string) => void; start?: string; placeholder?: string }) {
  return (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Picker mode="date" value={value} start={start} onChange={(e) => onChange(String(e.detail.value))}>
        <View className={cx('choice', value && 'choice--on')} ariaLabel={label}>
          <Text>📅 {value || placeholder}</Text>
          <Text className="muted">选日期 ›</Text>
        </View>
      </Picker>
    </View>
  );
}

/** Chips for one choice out of a few. */
export function OneOf<T extends string>({ label, options, value, onChange }: { label: string; options: Array<[T, string]>; value: T | null; onChange: (v: T) => void }) {
  return (
    <View>
      <Text className="field-label">{label}</Text>
      <View className="filters">
        {options.map(([v, words]) => (
          <Text key={v} className={cx('chip', v === value && 'chip--on')} onClick={() => onChange(v)}>
            {words}
          </Text>
        ))}
      </View>
    </View>
  );
}

/** Chips for any number of choices; a picked one is ticked. */
export function SomeOf<T extends string>({ label, options, value, onChange }: { label: string; options: Array<[T, string]>; value: T[]; onChange: (v: T[]) => void }) {
  return (
    <View>
      <Text className="field-label">{label}</Text>
      <View className="filters">
        {options.map(([v, words]) => {
          const on = value.includes(v);
          return (
            <Text key={v} className={cx('chip', on && 'chip--on')} onClick={() => onChange(on ? value.filter((x) => x !== v) : [...value, v])}>
              {on ? '✔ ' : ''}
              {words}
            </Text>
          );
        })}
      </View>
    </View>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-23 for a local date. */
export const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** `2026-11-23` at `08:30` local time (built from numbers: some phones read ISO text as UTC). */
export function localTime(day: string, time = '00:00'): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(y!, m! - 1, d!, hh!, mm!);
}

/** A whole number from a field, or null when empty; NaN when not a number. */
export function wholeNumber(s: string): number | null {
  const t = s.trim();
  if (!t) return null;
  return /^\d+$/.test(t) ? Number(t) : NaN;
}

/** The maxlength of a number field whose largest accepted value is `max`. */
export const digits = (max: number) => String(max).length;
