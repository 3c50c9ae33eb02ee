import { Button, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { periodChoices, type NamedPeriod } from '@core/domain/record';
import { api, useAction } from '../../api';
import { Card, Chips, PageState, toastError } from '../../components';
import { openFile } from '../../features/record';
import { useAdminScope } from '../../features/report';
import '../../features/report/report.scss';
import '../../features/record/record.scss';

/** 导出: the unit's verified members (or the community's reported members) for a period as xlsx. */
export default function RecordExport() {
  const scope = useAdminScope(['unit', 'community']);
  const grant = scope.options.find((g) => g.scopeId === scope.scopeId);
  const kind: 'unit' | 'community' = grant?.role === 'unit' ? 'unit' : 'community';
  const choices = useMemo(() => periodChoices(new Date()), []);
  const [period, setPeriod] = useState<NamedPeriod>(choices[3]);
  const [started, setStarted] = useState<number | null>(null);
  const [done, setDone] = useState<{ url: string; fileName: string; members: number; rows: number; bytes: number } | null>(null);
  const run = useAction(
    async () => {
      setStarted(Date.now());
      try {
        return await api.record.exportRecords({ scope: kind, scopeId: scope.scopeId!, from: period.from, to: period.to });
      } finally {
        setStarted(null);
      }
    },
    {
      onSuccess: (r) => {
        setDone(r);
        void openFile(r.url, r.fileName).catch((e: Error) => toastError(e.message));
      },
    },
  );
  return (
    <View className='sbd-page'>
      <PageState loading={scope.loading} error={scope.error} onRetry={scope.reload} empty={!scope.scopeId} emptyText='您不是单位或社区管理员'>
        <View className='rf-banner'>
          <Text className='rf-banner__title'>{scope.scopeName}</Text>
          <Text className='rf-banner__sub'>{kind === 'unit' ? '导出本单位已确认党员的记实档案' : '导出在本社区报到党员的记实档案'}</Text>
        </View>
        <Text className='rf-sub' style={{ margin: '0 16px 8px', display: 'block' }}>选择期间</Text>
        <Chips options={choices.map((c) => ({ value: c.key, label: c.label }))} value={period.key} onChange={(k) => setPeriod(choices.find((c) => c.key === k) ?? choices[0])} />
        <Card title='Excel 表格（.xlsx）'>
          <Text className='rf-hint'>“党员汇总”每人一行：服务次数、时长、缺席、积分；“服务明细”列出每条记录。手机号已隐去中间四位。</Text>
          <Button className='rf-btn' loading={run.loading} disabled={run.loading || undefined} onClick={() => void run.run()}>
            {run.loading ? '正在生成…' : '生成并下载'}
          </Button>
          {started !== null && <Text className='rf-hint'>正在逐页读取党员记录并写入表格，人数较多时约需半分钟，请勿离开本页</Text>}
          {done && !run.loading && (
            <View style={{ marginTop: '12px' }}>
              <Text className='rec-title'>已生成：{done.fileName}</Text>
              <Text className='rec-detail'>
                {done.members} 名党员 · {done.rows} 条记录 · {Math.max(1, Math.round(done.bytes / 1024))} KB · 链接 1 小时内有效
              </Text>
              <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => void openFile(done.url, done.fileName).catch((e: Error) => toastError(e.message))}>
                再次下载
              </Button>
            </View>
          )}
        </Card>
      </PageState>
    </View>
  );
}
