export { PointsSummary, PointsSummaryCard, type BalanceData } from './PointsSummaryCard';
export { EntryRow } from './EntryRow';
export { fmtPoints, fmtHours, fmtDateTime, SCOPE_LABEL, newRequestId } from './format';
