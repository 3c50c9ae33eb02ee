/** StatusTag key of a task phase (the shared tag names in-progress `ongoing`). Dates: `@core/format`. */
export function phaseTag(phase: string): string {
  return phase === 'in_progress' ? 'ongoing' : phase === 'ended' ? 'pending' : phase;
}
