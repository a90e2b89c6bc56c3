import { DetailPage } from '../DetailPage.js';
import { TrainingRoster } from './TrainingRoster.js';

/** One course: roster, waiting list, 点名, 结业. */
export default function StaffTrainingDetail() {
  return <DetailPage Body={TrainingRoster} />;
}
