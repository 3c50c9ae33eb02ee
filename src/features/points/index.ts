export { PointsSummary, PointsSummaryCard, type BalanceData } from './PointsSummaryCard';
export { EntryRow } from './EntryRow';
export { RulesCard } from './RulesCard';
export { fmtPoints, fmtHours, SCOPE_LABEL, newRequestId, describeRule, RULE_FIELDS } from './format';
