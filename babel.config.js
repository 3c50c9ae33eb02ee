// Babel for the Taro app (functions and tests use esbuild/swc).
// `nutuiPerComponent` rewrites `import { Button } from '@nutui/nutui-react-taro'` into the component's
// own module plus its CSS, so each page carries only the NutUI code and styles it uses.
// Measured (weapp, Button + Cell on one page): JS is tree-shaken either way (22 KiB), but the whole
// NutUI stylesheet would add 293 KiB to that page vs 20 KiB per component (main 846 → 572 KiB).
// Don't import '@nutui/nutui-react-taro/dist/style.css'.
const fs = require('node:fs');
const path = require('node:path');

function nutuiPerComponent({ types: t }) {
  const LIB = '@nutui/nutui-react-taro';
  // Component folders (button, cellgroup, …); anything else (types, helpers) stays on the root import.
  const pkgDir = path.join(__dirname, 'node_modules', LIB, 'dist/es/packages');
  const dirs = new Set(fs.existsSync(pkgDir) ? fs.readdirSync(pkgDir) : []);
  return {
    name: 'nutui-per-component',
    visitor: {
      ImportDeclaration(p) {
        if (p.node.source.value !== LIB || p.node.importKind === 'type') return;
        const specs = p.node.specifiers;
        if (!specs.length || specs.some((s) => !t.isImportSpecifier(s))) return;
        const out = [];
        const rest = [];
        for (const s of specs) {
          const name = s.imported.name;
          if (s.importKind === 'type' || !dirs.has(name.toLowerCase())) {
            rest.push(s);
            continue;
          }
          const dir = `${LIB}/dist/es/packages/${name.toLowerCase()}`;
          // each component folder's index.js default-exports the component
          out.push(t.importDeclaration([t.importDefaultSpecifier(t.identifier(s.local.name))], t.stringLiteral(dir)));
          out.push(t.importDeclaration([], t.stringLiteral(`${dir}/style/css`)));
        }
        if (!out.length) return;
        if (rest.length) out.unshift(t.importDeclaration(rest, t.stringLiteral(LIB)));
        p.replaceWithMultiple(out);
      },
    },
  };
}

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [nutuiPerComponent],
};
