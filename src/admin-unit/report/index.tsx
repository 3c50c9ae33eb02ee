import { View, Text, Button } from '@tarojs/components';
import { useState } from 'react';
import { agreement as agreementSchema, resourceItem, resourceKindLabel, type ResourceKind } from '@core/contracts/report';
import { describeZodError } from '@core/contracts/zh';
import { z } from 'zod';
import { api, useAction, useQuery, useRequestId } from '../../api';
import { Card, PageState, SectionTitle, StatusTag, TextArea, confirm, Field } from '../../components';
import { PickerField } from '../../components/sub/PickerField';
import { useAdminScope } from '../../features/report';
import '../../features/report/report.scss';
import { china, chinaToday, fmtDateTime } from '@core/format';

const KINDS = Object.keys(resourceKindLabel) as ResourceKind[];
interface Row { kind: ResourceKind; title: string; detail: string; quantity: string; unit: string }
const blankRow = (): Row => ({ kind: 'volunteer', title: '', detail: '', quantity: '', unit: '' });
const today = () => chinaToday();
const nextYear = () => china().add(1, 'year').format('YYYY-MM-DD');

/** 单位报到 (组织报到): report the unit to its community with a resource list and a co-building agreement. */
export default function UnitReport() {
  const scope = useAdminScope(['unit']);
  const id = scope.scopeId;
  const history = useQuery(() => (id ? api.report.unitReports({ unitId: id, page: 1, pageSize: 10 }) : Promise.resolve({ items: [], total: 0, page: 1, pageSize: 10 })), [id]);
  const [rows, setRows] = useState<Row[]>([blankRow()]);
  const [start, setStart] = useState(today());
  const [end, setEnd] = useState(nextYear());
  const [commitments, setCommitments] = useState('');
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [error, setError] = useState('');
  const latest = history.data?.items[0];
  const open = latest && (latest.status === 'pending' || (latest.status === 'approved' && latest.agreement.endDate >= today()));

  const build = () => {
    const resources = z.array(resourceItem).min(1).safeParse(rows.filter((r) => r.title.trim()).map((r) => ({ ...r, quantity: Number(r.quantity) || 0 })));
    if (!resources.success) return { error: resources.error.issues[0]?.path.length ? describeZodError(resources.error) : '请至少填写一项资源' };
    const agreement = agreementSchema.safeParse({ startDate: start, endDate: end, commitments: commitments.split('\n').map((s) => s.trim()).filter(Boolean), contactName, contactPhone });
    if (!agreement.success) return { error: describeZodError(agreement.error, { commitments: '共建承诺', contactName: '联系人', contactPhone: '联系电话', endDate: '结束日期' }) };
    return { data: { unitId: id!, resources: resources.data, agreement: agreement.data } };
  };
  const requestId = useRequestId(); // a double tap or a retry submits once
  const submit = useAction((input: NonNullable<ReturnType<typeof build>['data']>) => api.report.submitUnitReport({ ...input, requestId: requestId.current }), { success: '已提交，等待社区审核', onSuccess: () => { requestId.renew(); void history.reload(); } });
  const onSubmit = async () => {
    const b = build();
    if (!b.data) {
      setError(b.error ?? '');
      return;
    }
    setError('');
    if (await confirm({ title: '提交单位报到？', content: '提交后由社区审核，审核通过后共建协议生效。', confirmText: '提交', danger: false })) await submit.run(b.data);
  };
  const setRow = (i: number, k: keyof Row) => (v: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [k]: v } : r)));

  return (
    <View className='sbd-page'>
      <PageState loading={scope.loading || history.loading} error={scope.error ?? history.error} onRetry={history.reload} empty={!id} emptyText='您不是单位管理员'>
        {latest && (
          <Card title={`${latest.unitName} → ${latest.communityName}`} extra={<StatusTag status={latest.status} />}>
            <Text className='rf-sub'>
              共建协议 {latest.agreement.startDate} 至 {latest.agreement.endDate} · 资源 {latest.resources.length} 项
            </Text>
            {latest.reason && <Text className='rf-hint'>未通过原因：{latest.reason}</Text>}
            <Text className='rf-hint'>提交于 {fmtDateTime(latest.createdAt)}</Text>
          </Card>
        )}
        {!open && (
          <View>
            <SectionTitle>资源清单</SectionTitle>
            {rows.map((r, i) => (
              <Card key={i} extra={rows.length > 1 ? <Text onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>删除</Text> : undefined} title={`资源 ${i + 1}`}>
                <PickerField mode='selector' title='类型' arrow range={KINDS.map((k) => resourceKindLabel[k])} value={resourceKindLabel[r.kind]} onChange={(k) => setRow(i, 'kind')(KINDS[k])} />
                <Field title='名称' required value={r.title} onInput={setRow(i, 'title')} placeholder='如：法律咨询、活动场地' maxlength={30} />
                <Field title='说明' value={r.detail} onInput={setRow(i, 'detail')} placeholder='服务内容、时间（选填）' maxlength={200} />
                <Field title='数量' type='number' value={r.quantity} onInput={setRow(i, 'quantity')} placeholder='如：10（选填）' maxlength={6} />
                <Field title='计量' value={r.unit} onInput={setRow(i, 'unit')} placeholder='如：人/月、次/季' maxlength={10} />
              </Card>
            ))}
            <Button className='rf-btn rf-btn--ghost' style={{ marginTop: 0 }} onClick={() => setRows((rs) => [...rs, blankRow()])}>
              添加一项资源
            </Button>
            <SectionTitle>共建协议</SectionTitle>
            <Card>
              <PickerField mode='date' title='开始日期' required value={start} onChange={setStart} />
              <PickerField mode='date' title='结束日期' required value={end} onChange={setEnd} />
              <TextArea title='共建承诺' required value={commitments} maxlength={1000} placeholder={'每行一条，如：\n每季度开展一次共建活动\n每月派出 10 名志愿者'} description='每行一条' onInput={setCommitments} />
              <Field title='联系人' required value={contactName} onInput={setContactName} maxlength={20} />
              <Field title='联系电话' required value={contactPhone} onInput={setContactPhone} maxlength={13} />
            </Card>
            {error && <Text className='rf-error'>{error}</Text>}
            <Button className='rf-btn' loading={submit.loading} disabled={submit.busy || undefined} onClick={() => void onSubmit()}>
              提交单位报到
            </Button>
          </View>
        )}
      </PageState>
    </View>
  );
}
