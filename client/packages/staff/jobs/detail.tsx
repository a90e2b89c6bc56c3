import { DetailPage } from '../DetailPage.js';
import { JobInterests } from './JobInterests.js';

/** One posting: who registered, who might fit, stop it. */
export default function StaffJobDetail() {
  return <DetailPage Body={JobInterests} />;
}
