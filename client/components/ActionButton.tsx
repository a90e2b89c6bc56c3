import { Button, Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { messageOf } from '../api/errors.js';
import { cx } from '../lib/cx.js';

/**
 * A button for a call to the server: shows a spinner and ignores taps while the
 * call runs, and says in plain words what went wrong right under itself.
 */
export function ActionButton({
  onPress,
  children,
  kind = 'primary',
  disabled,
  small,
}: {
  onPress: () => Promise<unknown>;
  children: ReactNode;
  kind?: 'primary' | 'secondary' | 'ok';
  disabled?: boolean;
  small?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const press = async () => {
    if (busy || disabled) return;
    setBusy(true);
    setError(null);
    try {
      await onPress();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      <Button className={cx('btn', `btn--${kind}`, small && 'btn--small')} loading={busy} disabled={busy || Boolean(disabled)} onClick={press}>
        {children}
      </Button>
      {error ? <Text className="error-note">{error}</Text> : null}
    </View>
  );
}
