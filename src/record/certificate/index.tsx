import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { periodChoices, type NamedPeriod } from '@core/domain/record';
import { chinaToday } from '@core/format';
import { api, useAction, usePagedList } from '../../api';
import { Card, ListFooter, PageState, toastError, Chips } from '../../components';
import { CertificateCard, openFile } from '../../features/record';
import '../../features/report/report.scss';
import '../../features/record/record.scss';

const newRequestId = () => `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** 申请服务证明 (free): pick a period, the community issues it; open the PDF, share its number. */
export default function MyCertificates() {
  const today = chinaToday();
  // a period cannot end in the future: this quarter / this year end today
  const choices = useMemo(() => periodChoices(new Date()).filter((c) => c.key !== 'all').map((c) => (c.to && c.to > today ? { ...c, to: today } : c)), [today]);
  const [period, setPeriod] = useState<NamedPeriod>(choices[2]);
  const [requestId, setRequestId] = useState(newRequestId);
  const list = usePagedList((page) => api.record.myCertificates({ page, pageSize: 20 }), []);
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());
  const ask = useAction(() => api.record.requestCertificate({ from: period.from!, to: period.to!, requestId }), {
    onSuccess: (r) => {
      void Taro.showToast({ title: r.created ? '已提交申请' : '该期间已有申请', icon: 'none' });
      setRequestId(newRequestId());
      void list.reload();
    },
  });
  return (
    <View className='sbd-page'>
      <Card title='申请服务证明'>
        <Text className='rf-hint'>社区依据经确认的服务记录出具，免费。证明含编号和二维码，单位可扫码核验真伪。</Text>
        <View style={{ margin: '8px -16px 0' }}>
          <Chips options={choices.map((c) => ({ value: c.key, label: c.label }))} value={period.key} onChange={(k) => setPeriod(choices.find((c) => c.key === k) ?? choices[0])} />
        </View>
        <Text className='rec-detail'>
          期间：{period.from} 至 {period.to}
        </Text>
        <Button className='rf-btn' loading={ask.loading} onClick={() => void ask.run()}>
          提交申请
        </Button>
      </Card>
      <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='还没有申请过服务证明' emptyHint='提交申请后，社区出具的证明会显示在这里'>
        {list.items.map((c) => (
          <CertificateCard key={c.id} c={c}>
            {c.url && (
              <Button className='rf-mini' size='mini' onClick={() => void openFile(c.url!, `服务证明_${c.number}.pdf`).catch((e: Error) => toastError(e.message))}>
                查看证明（PDF）
              </Button>
            )}
            {c.number && (
              <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => void Taro.navigateTo({ url: `/pages/verify/index?no=${encodeURIComponent(c.number!)}` })}>
                核验
              </Button>
            )}
          </CertificateCard>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
