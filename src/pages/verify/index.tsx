import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { fmtDate } from '@core/format';
import { api, useAction } from '../../api';
import { Card, Field, StatusTag } from '../../components';
import '../../features/report/report.scss';
import '../../features/record/record.scss';

type Answer = Awaited<ReturnType<typeof api.record.verifyCertificate>>;

/**
 * 证明核验 (public): opened from the QR on a 服务证明 (`?no=&code=`) or by typing its number.
 * Shows valid / revoked (with the reason) / not found; every check is logged by the function.
 */
export default function Verify() {
  const params = useRouter().params;
  const [no, setNo] = useState(params.no ? decodeURIComponent(params.no) : '');
  const code = params.code || undefined;
  const [answer, setAnswer] = useState<Answer | null>(null);
  const check = useAction((n: string) => api.record.verifyCertificate({ no: n, code: n === params.no ? code : undefined }), { onSuccess: setAnswer });
  useEffect(() => {
    if (params.no) void check.run(decodeURIComponent(params.no));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const a = answer;
  return (
    <View className='sbd-page'>
      <Card title='服务证明核验'>
        {/* a Field, not a SearchBar: each check is logged, so it runs on 核验 / Enter, not while typing */}
        <Field title='证明编号' value={no} placeholder='如 ZM-COMM1-2026-000001' onInput={setNo} onConfirm={() => void check.run(no.trim())} />
        <Button className='rf-btn' loading={check.loading} onClick={() => void check.run(no.trim())}>
          核验
        </Button>
      </Card>
      {a && (
        <Card title={`编号 ${a.number}`} extra={<StatusTag tone={a.result === 'valid' ? 'success' : 'danger'} text={a.result === 'valid' ? '有效' : a.result === 'revoked' ? '已撤销' : '查无此证明'} />}>
          {a.result === 'unknown' ? (
            <Text className='rec-detail'>未找到与该编号（及二维码校验码）相符的服务证明，请核对编号，或联系出具社区。</Text>
          ) : (
            <View>
              <Text className='rec-title'>{a.name}</Text>
              <Text className='rec-detail'>
                {a.communityName} · {a.from} 至 {a.to} · 服务时长 {a.hours} 小时
              </Text>
              <Text className='rec-detail'>出具日期 {fmtDate(a.issuedAt)}</Text>
              {a.result === 'revoked' && (
                <Text className='rec-status rec-status--bad'>
                  已于 {fmtDate(a.revokedAt)} 撤销：{a.revokeReason}
                </Text>
              )}
            </View>
          )}
        </Card>
      )}
    </View>
  );
}
