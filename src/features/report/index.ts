export { ReportStatusCard } from './ReportStatusCard';
export { useAdminScope, type AdminScope } from './useAdminScope';
export { DecisionActions } from './DecisionActions';
