import type { EnvState, Step } from '../../../scripts/deploy/plan';
import type { DeployTarget } from '../../../scripts/deploy/target';

/** An environment in memory: applies steps the way the cloud would, and records them. */
export class MemoryTarget implements DeployTarget {
  applied: Step[] = [];
  reads = 0;
  constructor(public state: EnvState = { collections: {}, functions: {} }) {}

  async read(): Promise<EnvState> {
    this.reads++;
    return JSON.parse(JSON.stringify(this.state)) as EnvState;
  }

  async apply(step: Step): Promise<void> {
    this.applied.push(step);
    const s = this.state;
    switch (step.kind) {
      case 'create-collection': s.collections[step.collection] = { indexes: [], rule: null }; return;
      case 'create-index': this.coll(step.collection).indexes.push(step.index); return;
      case 'replace-index': {
        const c = this.coll(step.collection);
        c.indexes = [...c.indexes.filter((i) => i.name !== step.was.name), step.index];
        return;
      }
      case 'set-rule': this.coll(step.collection).rule = { ...step.rule }; return;
      case 'create-function':
        s.functions[step.fn.name] = { codeHash: step.fn.codeHash, runtime: 'Nodejs16.13', timeout: step.fn.timeout, envVariables: { ...step.fn.envVariables }, triggers: [] };
        return;
      case 'upload-code': this.fn(step.fn.name); return; // as on the cloud: the description (hash) changes only in configure-function
      case 'configure-function': Object.assign(this.fn(step.name), { timeout: step.timeout, envVariables: { ...step.envVariables }, codeHash: step.codeHash }); return;
      case 'set-triggers': {
        const f = this.fn(step.name);
        f.triggers = [...f.triggers.filter((t) => !step.replace.includes(t.name)), ...step.triggers];
        return;
      }
      case 'run-bootstrap':
      case 'upload-miniprogram':
        return;
    }
  }

  private coll(name: string) {
    const c = this.state.collections[name];
    if (!c) throw new Error(`no collection ${name}`); // the cloud fails the same way
    return c;
  }

  private fn(name: string) {
    const f = this.state.functions[name];
    if (!f) throw new Error(`no function ${name}`);
    return f;
  }
}
