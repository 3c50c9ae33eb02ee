/**
 * Demo data of the report feature beyond the base people/reports: unit reports (组织报到) with
 * resource lists and agreements — 市第一人民医院 approved by 花园社区, 锦华区实验小学 waiting at
 * 西山社区; 锦华区税务局 has none, so demo-unit-1 can try the form — and a few inbox messages so
 * 我的消息 is not empty for demo-member-1 and demo-unit-1. Fixed ids: reseeding never duplicates.
 */
import { putAll } from './write';
import type { SeedStep } from './types';

const DAY = 86_400_000;
const ymd = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export const step: SeedStep = {
  name: 'reports',
  async run({ db, now }) {
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
    const unitReports = [
      {
        _id: 'seed-unit-report-2', unitId: 'unit-2', unitName: '市第一人民医院', communityId: 'comm-2', streetId: 'street-1', districtId: 'dist-1', status: 'approved',
        resources: [
          { kind: 'expertise', title: '义诊咨询', detail: '每月第一个周六上午在社区卫生站义诊', quantity: 1, unit: '次/月' },
          { kind: 'volunteer', title: '医护志愿者', detail: '健康讲座、慢病随访', quantity: 8, unit: '人/月' },
        ],
        agreement: { startDate: ymd(at(60)), endDate: ymd(at(-305)), commitments: ['每季度开展一次健康讲座', '为社区高龄老人建立健康档案'], contactName: '孙丽', contactPhone: '028-86002002' },
        reason: null, createdAt: at(62), submittedBy: 'demo-super', decidedAt: at(60), decidedBy: 'demo-super',
      },
      {
        _id: 'seed-unit-report-3', unitId: 'unit-3', unitName: '锦华区实验小学', communityId: 'comm-3', streetId: 'street-2', districtId: 'dist-1', status: 'pending',
        resources: [
          { kind: 'venue', title: '操场与多功能厅', detail: '周末向社区开放', quantity: 2, unit: '处' },
          { kind: 'volunteer', title: '教师志愿者', detail: '四点半课堂、暑期托管', quantity: 6, unit: '人/月' },
        ],
        agreement: { startDate: ymd(at(2)), endDate: ymd(at(-363)), commitments: ['每学期开展两次共建主题活动'], contactName: '周杰', contactPhone: '028-86003003' },
        reason: null, createdAt: at(2), submittedBy: 'demo-super', decidedAt: null, decidedBy: null,
      },
    ];
    const inbox = [
      { _id: 'seed-inbox-1', openid: 'demo-member-1', kind: 'report', title: '报到已通过', body: '您已成功到东湖社区报到，欢迎参与社区志愿服务。', link: '/pages/report/index', read: true, createdAt: at(30) },
      { _id: 'seed-inbox-2', openid: 'demo-member-1', kind: 'system', title: '欢迎使用双报到', body: '在“志愿任务”中报名参加社区服务，服务时长和积分将记入您的档案。', link: '/pages/tasks/index', read: false, createdAt: at(1) },
      { _id: 'seed-inbox-3', openid: 'demo-unit-1', kind: 'unit', title: '请完成单位报到', body: '请向东湖社区提交本单位的资源清单和共建协议。', link: '/admin-unit/report/index', read: false, createdAt: at(1) },
    ];
    return {
      unitReports: await putAll(db, 'unitReports', unitReports as never),
      inbox: await putAll(db, 'inbox', inbox as never),
    };
  },
};
