import { Text } from '@tarojs/components';
import { api } from '../../../api/index.js';
import { Page } from '../../../components/Page.js';
import { useSession } from '../../../lib/pageHooks.js';
import { findReserved, HandoverForm } from '../HandoverForm.js';

/** 积分超市 counter: 核销 a redemption by its pickup code. */
export default function StaffHandover() {
  useSession();
  return (
    <Page tab="handover">
      <Text className="title">积分超市核销</Text>
      <HandoverForm find={(code) => findReserved(code, (q) => api.shop.redemptions(q))} handOver={(code) => api.shop.handOver(code)} />
    </Page>
  );
}
