import { backoffMs, chinaTime, finalPushError, loadTemplates, MAX_ATTEMPTS, nextChinaHour, quietUntil, renderFields, templateFor } from './notify';

describe('quiet hours (22:00–08:00 China time)', () => {
  it('holds from 22:00 to 08:00 and releases at 08:00', () => {
    expect(quietUntil(new Date('2026-12-01T13:59:00Z'))).toBeNull(); // 21:59
    expect(quietUntil(new Date('2026-12-01T14:00:00Z'))).toEqual(new Date('2026-12-02T00:00:00Z')); // 22:00 → 08:00
    expect(quietUntil(new Date('2026-12-01T19:30:00Z'))).toEqual(new Date('2026-12-02T00:00:00Z')); // 03:30
    expect(quietUntil(new Date('2026-12-02T00:00:00Z'))).toBeNull(); // 08:00
  });
  it('formats and finds China-time hours', () => {
    expect(chinaTime(new Date('2026-12-01T06:05:00Z'))).toBe('2026-12-01 14:05');
    expect(nextChinaHour(new Date('2026-12-01T01:00:01Z'), 9)).toEqual(new Date('2026-12-02T01:00:00Z'));
    expect(nextChinaHour(new Date('2026-12-01T01:00:00Z'), 9)).toEqual(new Date('2026-12-01T01:00:00Z'));
  });
});

it('backs off, then gives up; only final errors are final', () => {
  expect([1, 2, 3, 4, 5, 9].map(backoffMs)).toEqual([30_000, 120_000, 600_000, 1_800_000, 7_200_000, 7_200_000]);
  expect(MAX_ATTEMPTS).toBe(6);
  expect(finalPushError(43101)).toMatch(/^43101/);
  expect(finalPushError(40003)).toMatch(/^40003/);
  expect(finalPushError(-1)).toBeNull();
  expect(finalPushError(undefined)).toBeNull();
});

describe('templates as configuration, checked at start-up', () => {
  it('accepts the defaults and reads the ids from env', () => {
    const { templates, problems } = loadTemplates({ SUBSCRIBE_TPL_TASK_CHANGE: 'tpl-c' });
    expect(problems).toEqual([]);
    expect(templateFor(templates, { kind: 'task', values: {} })?.id).toBe('tpl-c');
    expect(templateFor(templates, { kind: 'task', values: { template: 'taskReminder' } })?.name).toBe('taskReminder');
  });
  it('rejects fields that cannot fit their limits, unknown types, bad JSON, and > 3 templates per tap', () => {
    const bad = JSON.stringify([
      { name: 'x', id: 'tpl-x', kinds: ['wish'], flows: ['claim'], fields: { phrase1: 'title', time2: 'body', foo3: 'title' } },
      ...['a', 'b', 'c'].map((n) => ({ name: n, id: `tpl-${n}`, kinds: [], flows: ['signup'], fields: { thing1: 'title' } })),
    ]);
    const { problems } = loadTemplates({ NOTIFY_TEMPLATES: bad, SUBSCRIBE_TPL_TASK_CHANGE: 'tpl-c' });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('phrase1 (≤ 5 chars) cannot carry the title'),
      expect.stringContaining('time2 needs a time value'),
      expect.stringContaining('unknown field type foo3'),
      expect.stringContaining('flow signup: 4 templates'),
    ]));
    expect(loadTemplates({ NOTIFY_TEMPLATES: '{oops' }).problems[0]).toMatch(/not a JSON array/);
  });
  it('renders within the limits: thing cut to 20, phrase ≤ 5 or nothing, time formatted', () => {
    const t = { name: 't', id: 'x', kinds: [], flows: [], fields: { thing1: 'title', phrase2: 'status', time3: 'time' } };
    const long = '一二三四五六七八九十一二三四五六七八九十超出';
    expect(renderFields(t, { title: long, body: '', values: { status: '已通过', time: '2026-12-01 14:00' } })).toEqual({ data: { thing1: { value: long.slice(0, 20) }, phrase2: { value: '已通过' }, time3: { value: '2026-12-01 14:00' } } });
    expect(renderFields(t, { title: 'a', body: '', values: { status: '已经全部通过', time: '2026-12-01 14:00' } })).toEqual({ missing: 'phrase2 超过 5 字' });
    expect(renderFields(t, { title: 'a', body: '', values: { status: '好', time: '明天' } })).toEqual({ missing: 'time3 时间格式' });
    expect(renderFields(t, { title: 'a', body: '', values: {} })).toEqual({ missing: 'phrase2←status' });
  });
});
