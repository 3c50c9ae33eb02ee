export { ReportStatusCard } from './ReportStatusCard';
export { Field, Chips, Tabs, Stats, RateBar } from './ui';
export { useAdminScope, type AdminScope } from './useAdminScope';
export { DecisionActions } from './DecisionActions';
