// Driving Taro's H5 components (custom elements) the way their own code reports events:
// taps are clicks, and form controls emit `input` / `change` with `detail.value`.
import { fireEvent, screen } from '@testing-library/react';
import { act } from 'react';

/** The element showing exactly this text (the innermost one). */
export const byText = (text: string | RegExp) => screen.getByText(text);

export async function tap(text: string | RegExp) {
  await act(async () => {
    fireEvent.click(screen.getByText(text));
  });
}

/** Types into a Taro <Textarea>/<Input>: finds it by its placeholder. */
export async function type(placeholder: string, value: string) {
  const el = document.querySelector(`[placeholder="${placeholder}"]`);
  if (!el) throw new Error(`no field with placeholder ${placeholder}`);
  await act(async () => {
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

/** Flips a Taro <Switch> found by its aria-label. */
export async function toggle(label: string, value: boolean) {
  const el = document.querySelector(`[aria-label="${label}"]`);
  if (!el) throw new Error(`no switch ${label}`);
  await act(async () => {
    el.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }));
  });
}

/** Lets pending promises (uploads, server calls) settle. */
export const settle = () => act(async () => {
  await new Promise((r) => setTimeout(r, 0));
});

/** Taps the element with this aria-label (stars, icon-only buttons). */
export async function tapLabel(label: string) {
  const el = document.querySelector(`[aria-label="${label}"]`);
  if (!el) throw new Error(`nothing labelled ${label}`);
  await act(async () => {
    fireEvent.click(el);
  });
}

/** Chooses a value in a Taro <Picker> (date, time) whose inner view has this aria-label. */
export async function pick(label: string, value: string) {
  const el = document.querySelector(`[aria-label="${label}"]`)?.closest('taro-picker-core');
  if (!el) throw new Error(`no picker ${label}`);
  await act(async () => {
    el.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }));
  });
}

/** Lets pending promises settle a few rounds (a chain of requests, one after another). */
export async function settleAll(rounds = 5) {
  for (let i = 0; i < rounds; i++) await settle();
}
