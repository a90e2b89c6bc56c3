import type { ComponentType } from 'react';
import { Page } from '../../components/Page.js';
import { useParam, useRefresh, useSession } from '../../lib/pageHooks.js';
import { useRefresher, type Refresher } from '../../lib/refresher.js';

/**
 * A staff page about one thing, named by the `id` in its link (a posting, a notice, a course):
 * signed in, and `Body`'s loaders run again on pull-down and on coming back to the page.
 */
export function DetailPage({ Body }: { Body: ComponentType<{ id: string; refresher: Refresher }> }) {
  useSession();
  const id = useParam('id');
  const refresher = useRefresher();
  useRefresh(refresher.run);
  return (
    <Page>
      <Body id={id} refresher={refresher} />
    </Page>
  );
}
