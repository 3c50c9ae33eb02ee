export { PointsSummary, PointsSummaryCard, type BalanceData } from './PointsSummaryCard';
export { EntryRow } from './EntryRow';
export { RulesCard, describeRule, RULE_FIELDS } from './RulesCard';
export { fmtPoints, fmtHours, fmtDateTime, SCOPE_LABEL, newRequestId } from './format';
