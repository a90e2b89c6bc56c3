// What the console's add / change dialogs and row actions share: a form emptied when its
// dialog opens and filled from the row being changed, and an action run with `busy` while
// it runs, its success said in words and a refusal in the server's words.
import { App, Form } from 'antd';
import { useEffect, useState } from 'react';
import { messageOf } from './api.js';

/** The form of a dialog that adds ('new') or changes `editing` (closed: null); `fill` gives a row's values. */
export function useFilledForm<T, V>(editing: T | 'new' | null, fill: (row: T) => V) {
  const [form] = Form.useForm<V>();
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing !== 'new') form.setFieldsValue(fill(editing) as Parameters<typeof form.setFieldsValue>[0]);
  }, [editing, form]);
  return form;
}

/** `act(work)`: runs it; the words it answers are shown as done. True when it went through. */
export function useAct() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<string | void>): Promise<boolean> => {
    setBusy(true);
    try {
      const done = await work();
      if (done) message.success(done);
      return true;
    } catch (e) {
      message.error(messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { act, busy };
}
