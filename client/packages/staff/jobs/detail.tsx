import { Page } from '../../../components/Page.js';
import { useParam, useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRefresher } from '../../../lib/refresher.js';
import { JobInterests } from './JobInterests.js';

/** One posting: who registered, who might fit, stop it. */
export default function StaffJobDetail() {
  useSession();
  const id = useParam('id');
  const refresher = useRefresher();
  useRefresh(refresher.run);
  return (
    <Page>
      <JobInterests id={id} refresher={refresher} />
    </Page>
  );
}
