import { Page } from '../../../components/Page.js';
import { useParam, useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRefresher } from '../../../lib/refresher.js';
import { TrainingRoster } from './TrainingRoster.js';

/** One course: roster, waiting list, 点名, 结业. */
export default function StaffTrainingDetail() {
  useSession();
  const id = useParam('id');
  const refresher = useRefresher();
  useRefresh(refresher.run);
  return (
    <Page>
      <TrainingRoster id={id} refresher={refresher} />
    </Page>
  );
}
