/**
 * The executor behind an interface: a deploy target reads its state and applies one step at a time.
 * `cloud.ts` is the real one (miniprogram-ci + @cloudbase/manager-node); tests use an in-memory one,
 * so plan → apply → plan-again-is-empty is checked without a network.
 */
import { diff, renderPlan, stepLine, type DesiredState, type EnvState, type Plan, type Step } from './plan';

export interface DeployTarget {
  read(): Promise<EnvState>;
  apply(step: Step): Promise<void>;
}

export interface DeployResult {
  plan: Plan;
  /** what still differs after applying (read again from the target); empty when all went through */
  remaining: Plan;
}

/** Actions, not state: they never show up as a difference afterwards. */
const isAction = (s: Step) => s.kind === 'run-bootstrap' || s.kind === 'upload-miniprogram';

export async function deploy(target: DeployTarget, desired: DesiredState, log: (line: string) => void): Promise<DeployResult> {
  const plan = diff(desired, await target.read());
  if (!plan.steps.length) renderPlan(plan).forEach((l) => log(l));
  for (const step of plan.steps) {
    log(stepLine(step));
    await target.apply(step);
  }
  if (plan.steps.length) plan.notes.forEach((n) => log(`? ${n.text}`));
  const after = diff({ ...desired, miniProgram: undefined, reuploadCode: false }, await target.read());
  return { plan, remaining: { steps: after.steps.filter((s) => !isAction(s)), notes: after.notes } };
}
