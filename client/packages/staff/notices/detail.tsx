import { DetailPage } from '../DetailPage.js';
import { NoticeDelivery } from './NoticeDelivery.js';

/** 发送情况 of one notice. */
export default function StaffNoticeDetail() {
  return <DetailPage Body={NoticeDelivery} />;
}
