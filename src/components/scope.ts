// Types only (no code): the admin scope a workbench shows; features/report's useAdminScope answers one.
/** the admin scope a workbench acts on (what features/report's useAdminScope answers) */
export interface WorkbenchScope {
  loading: boolean;
  error: { message: string } | undefined;
  reload: () => Promise<void>;
  scopeId: string | null;
  scopeName: string;
  /** every scope the admin holds: with two or more, chips above the head switch between them */
  options: Array<{ scopeId: string; scopeName: string }>;
  setScopeId: (id: string) => void;
}
