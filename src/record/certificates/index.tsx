import { Button, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { CertificateDto, CertStatus } from '@core/contracts/record';
import { api, useAction, usePagedList } from '../../api';
import { ListFooter, PageState, TextArea, confirm, toastError, Tabs } from '../../components';
import { CertificateCard, openFile } from '../../features/record';
import { useAdminScope } from '../../features/report';
import '../../features/report/report.scss';
import '../../features/record/record.scss';

/** 社区: issue requested certificates with one tap (from confirmed records only), revoke with a reason. */
export default function CommunityCertificates() {
  const scope = useAdminScope(['community']);
  const id = scope.scopeId;
  const [tab, setTab] = useState<CertStatus>('requested');
  const [revoking, setRevoking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const list = usePagedList((page) => (id ? api.record.communityCertificates({ communityId: id, status: tab, page, pageSize: 20 }) : Promise.resolve({ items: [], total: 0, page, pageSize: 20 })), [id, tab]);
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());
  const issue = useAction((c: CertificateDto) => api.record.issueCertificate({ id: c.id }), { success: '已出具', onSuccess: () => void list.reload() });
  const revoke = useAction((c: CertificateDto) => api.record.revokeCertificate({ id: c.id, reason }), {
    success: '已撤销',
    onSuccess: () => {
      setRevoking(null);
      setReason('');
      void list.reload();
    },
  });
  const onIssue = async (c: CertificateDto) => {
    if (await confirm({ title: `为 ${c.name} 出具服务证明？`, content: `期间 ${c.from} 至 ${c.to}，按经确认的服务记录生成编号和 PDF。`, confirmText: '出具', danger: false })) await issue.run(c);
  };
  const onRevoke = async (c: CertificateDto) => {
    if (await confirm({ title: `撤销证明 ${c.number}？`, content: '撤销后扫码核验将显示“已撤销”及原因，不能恢复。', confirmText: '撤销' })) await revoke.run(c);
  };
  return (
    <View className='sbd-page'>
      <Tabs<CertStatus> tabs={[{ value: 'requested', label: '待出具' }, { value: 'issued', label: '已出具' }, { value: 'revoked', label: '已撤销' }]} value={tab} onChange={setTab} />
      <PageState
        loading={scope.loading || list.loading}
        error={scope.error ?? list.error}
        onRetry={list.reload}
        empty={list.items.length === 0}
        emptyText={tab === 'requested' ? '暂无待出具的申请' : tab === 'issued' ? '暂无已出具的证明' : '暂无撤销的证明'}
      >
        {list.items.map((c) => (
          <CertificateCard key={c.id} c={c} showName>
            {c.status === 'requested' && (
              <Button className='rf-mini' size='mini' loading={issue.loading} onClick={() => void onIssue(c)}>
                一键出具
              </Button>
            )}
            {c.url && (
              <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => void openFile(c.url!, `服务证明_${c.number}.pdf`).catch((e: Error) => toastError(e.message))}>
                查看 PDF
              </Button>
            )}
            {c.status === 'issued' && revoking !== c.id && (
              <Button className='rf-mini rf-mini--danger' size='mini' onClick={() => setRevoking(c.id)}>
                撤销
              </Button>
            )}
            {revoking === c.id && (
              <View style={{ flex: 1 }}>
                <TextArea value={reason} maxlength={200} placeholder='撤销原因（必填，核验时显示）' onInput={setReason} />
                <View className='rf-btn-row'>
                  <Button className='rf-mini rf-mini--danger' size='mini' loading={revoke.loading} onClick={() => (reason.trim().length < 2 ? toastError('请填写撤销原因（至少 2 个字）') : void onRevoke(c))}>
                    确认撤销
                  </Button>
                  <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => setRevoking(null)}>
                    取消
                  </Button>
                </View>
              </View>
            )}
          </CertificateCard>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
