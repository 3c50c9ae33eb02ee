import { Button, Text, View } from '@tarojs/components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ExportJobDto } from '@core/contracts/record';
import { periodChoices, type NamedPeriod } from '@core/domain/record';
import { api, useAction, useRequestId } from '../../api';
import { Card, Chips, PageState, RateBar, toastError } from '../../components';
import { openFile } from '../../features/record';
import { useAdminScope } from '../../features/report';
import '../../features/report/report.scss';
import '../../features/record/record.scss';
import '../../features/record/record-more.scss';

/**
 * 导出: the unit's verified members (or the community's reported members) for a period as xlsx.
 * The export is a job advanced one page of members per call, so the bar shows real progress and
 * no call runs long; after a network error 继续导出 picks the same job up where it stopped.
 */
export default function RecordExport() {
  const scope = useAdminScope(['unit', 'community']);
  const grant = scope.options.find((g) => g.scopeId === scope.scopeId);
  const kind: 'unit' | 'community' = grant?.role === 'unit' ? 'unit' : 'community';
  const choices = useMemo(() => periodChoices(new Date()), []);
  const [period, setPeriod] = useState<NamedPeriod>(choices[3]);
  const [job, setJob] = useState<ExportJobDto | null>(null);
  const rid = useRequestId();
  const alive = useRef(true);
  useEffect(() => () => { alive.current = false; }, []);

  const advance = async (from: ExportJobDto) => {
    let j = from;
    while (j.status !== 'done' && alive.current) {
      j = (await api.record.exportStep({ id: j.id })).job;
      if (alive.current) setJob(j);
    }
    return j;
  };
  const download = (j: ExportJobDto) => j.url && void openFile(j.url, j.fileName).catch((e: Error) => toastError(e.message));
  const run = useAction(
    async (resume?: ExportJobDto) => {
      let j = resume;
      if (!j) {
        j = (await api.record.startExport({ scope: kind, scopeId: scope.scopeId!, from: period.from, to: period.to, requestId: rid.current })).job;
        rid.renew();
        setJob(j);
      }
      return advance(j);
    },
    { onSuccess: (j) => j.status === 'done' && download(j) },
  );
  const pct = job && job.total > 0 ? Math.min(1, job.done / job.total) : job?.status === 'done' ? 1 : 0;
  const stopped = job && job.status !== 'done' && !run.loading;
  return (
    <View className='sbd-page'>
      <PageState loading={scope.loading} error={scope.error} onRetry={scope.reload} empty={!scope.scopeId} emptyText='您不是单位或社区管理员'>
        <View className='rf-banner'>
          <Text className='rf-banner__title'>{scope.scopeName}</Text>
          <Text className='rf-banner__sub'>{kind === 'unit' ? '导出本单位已确认党员的记实档案' : '导出在本社区报到党员的记实档案'}</Text>
        </View>
        <Text className='rf-sub' style={{ margin: '0 16px 8px', display: 'block' }}>选择期间</Text>
        <Chips options={choices.map((c) => ({ value: c.key, label: c.label }))} value={period.key} onChange={(k) => (run.loading ? undefined : (setPeriod(choices.find((c) => c.key === k) ?? choices[0]), setJob(null)))} />
        <Card title='Excel 表格（.xlsx）'>
          <Text className='rf-hint'>“党员汇总”每人一行：服务次数、时长、缺席、积分；“服务明细”列出每条记录。手机号已隐去中间四位。</Text>
          <Button className='rf-btn' loading={run.loading} disabled={run.loading || undefined} onClick={() => void run.run()}>
            {run.loading ? '正在生成…' : '生成并下载'}
          </Button>
          {job && job.status !== 'done' && (
            <View className='ex-progress'>
              <RateBar rate={pct} />
              <Text className='rf-hint'>
                {job.assembling ? `已读取全部 ${job.total} 名党员，正在写入表格…` : `已处理 ${job.done} / ${job.total} 名党员（${Math.round(pct * 100)}%）`}
                {run.loading ? '，请勿离开本页' : ''}
              </Text>
              {stopped && (
                <Button className='rf-mini' size='mini' onClick={() => void run.run(job)}>
                  继续导出
                </Button>
              )}
            </View>
          )}
          {job?.status === 'done' && !run.loading && (
            <View className='ex-progress'>
              <RateBar rate={1} />
              <Text className='rec-title'>已生成：{job.fileName}</Text>
              <Text className='rec-detail'>
                {job.done} 名党员 · {job.rows} 条记录 · {Math.max(1, Math.round(job.bytes / 1024))} KB · 链接 1 小时内有效
              </Text>
              <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => download(job)}>
                再次下载
              </Button>
            </View>
          )}
        </Card>
      </PageState>
    </View>
  );
}
