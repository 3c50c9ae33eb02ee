/** Pure domain rules import no wire contracts, no platform SDK and no Taro; their status lists match the wire's. */
import fs from 'node:fs';
import path from 'node:path';
import type { TaskPhase as WirePhase, TaskStatus as WireStatus } from '../../core/contracts/task';
import { taskPhase, taskStatus } from '../../core/contracts/task';
import type { TaskPhase, TaskStatus } from '../../core/domain/taskRules';

const DOMAIN = path.join(__dirname, '..', '..', 'core', 'domain');

test('core/domain imports neither core/contracts nor wx-server-sdk nor @tarojs', () => {
  const offenders: string[] = [];
  for (const f of fs.readdirSync(DOMAIN).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
    const src = fs.readFileSync(path.join(DOMAIN, f), 'utf8');
    for (const m of src.matchAll(/from\s+'([^']+)'/g)) {
      if (/contracts|wx-server-sdk|@tarojs/.test(m[1])) offenders.push(`${f} → ${m[1]}`);
    }
  }
  expect(offenders).toEqual([]);
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
test('the domain task status and phase are the wire enums', () => {
  const status: Same<TaskStatus, WireStatus> = true;
  const phase: Same<TaskPhase, WirePhase> = true;
  expect([status, phase]).toEqual([true, true]);
  const domainStatuses: Record<TaskStatus, true> = { draft: true, published: true, finished: true, cancelled: true };
  expect(Object.keys(domainStatuses).sort()).toEqual([...taskStatus.options].sort());
  expect(taskPhase.options).toHaveLength(6);
});
