/**
 * babel.config.js rewrites root NutUI imports into per-component modules + their CSS so a page
 * carries only what it uses. Check the rewrite and that every path it produces exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from '@babel/core';

const ROOT = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-var-requires, @typescript-eslint/no-require-imports
const config = require(path.join(ROOT, 'babel.config.js')) as { plugins: unknown[] };

function rewrite(code: string): string {
  const out = transformSync(code, { babelrc: false, configFile: false, filename: 'page.tsx', plugins: config.plugins as never, parserOpts: { plugins: ['typescript', 'jsx'] } });
  return out?.code ?? '';
}

test('named imports become default imports of each component plus its CSS; types stay on the root', () => {
  const out = rewrite("import { Button, CellGroup, type ButtonProps } from '@nutui/nutui-react-taro';\nexport const x = [Button, CellGroup];");
  expect(out).toContain('import Button from "@nutui/nutui-react-taro/dist/es/packages/button";');
  expect(out).toContain('import "@nutui/nutui-react-taro/dist/es/packages/button/style/css";');
  expect(out).toContain('import CellGroup from "@nutui/nutui-react-taro/dist/es/packages/cellgroup";');
  expect(out).toMatch(/import \{ type ButtonProps \} from "@nutui\/nutui-react-taro";/);
  expect(out).not.toMatch(/import \{[^}]*Button,/);
});

test.each(['Button', 'Cell', 'CellGroup', 'Dialog', 'Toast', 'Tabs', 'TabPane', 'Skeleton', 'Empty', 'Popup', 'Picker', 'DatePicker', 'Input', 'TextArea', 'Tag', 'Steps', 'Step'])(
  '%s resolves to a module and a stylesheet',
  (name) => {
    const out = rewrite(`import { ${name} } from '@nutui/nutui-react-taro';\nexport default ${name};`);
    const paths = [...out.matchAll(/from "([^"]+)"|import "([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    expect(paths).toHaveLength(2);
    const [mod, css] = paths;
    expect(fs.existsSync(path.join(ROOT, 'node_modules', mod, 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'node_modules', `${css}.js`))).toBe(true);
  },
);
