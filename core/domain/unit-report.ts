import { fail } from './failure';

/**
 * Rules of the unit → community report (组织报到). A unit reports to the community where it sits.
 * At most one open (pending or approved) report per unit: a new one is allowed only when the last was
 * rejected or withdrawn, or when the approved agreement has ended (renewal).
 */
export type UnitReportStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface UnitReportLike {
  status: UnitReportStatus;
  agreement: { endDate: string };
}

export function assertCanSubmitUnitReport(latest: UnitReportLike | null, today: string): void {
  if (!latest) return;
  if (latest.status === 'pending') fail('ALREADY_PENDING', '本单位已提交报到申请，请等待社区审核');
  if (latest.status === 'approved' && latest.agreement.endDate >= today) fail('ALREADY_REPORTED', '本单位已在社区报到，共建协议到期后可重新报到');
}

export function assertCanDecideUnitReport(status: UnitReportStatus): void {
  if (status !== 'pending') fail('REPORT_STATE', '该报到申请已处理，不能重复操作');
}
