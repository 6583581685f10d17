/**
 * Vite plugin: `virtual:tfjs-typings` exports the .d.ts files of @tensorflow/tfjs-core and
 * @tensorflow/tfjs-layers as `{ 'file:///node_modules/…': source }`, so the editor can give
 * learners TF.js completions and type errors without fetching anything from elsewhere.
 * Imported lazily by the editor, so lesson pages carry none of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:tfjs-typings';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const PACKAGES = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'];

function* declarationFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* declarationFiles(path);
    // Test helpers are not part of the API a learner uses.
    else if (entry.name.endsWith('.d.ts') && !/(_test|test_util|jasmine_util)/.test(entry.name)) yield path;
  }
}

/** License headers repeat in every file; the editor needs only the declarations and their docs. */
function stripLicense(source: string): string {
  return source.replace(/^\/\*\*\s*\n\s*\*\s*@license[\s\S]*?\*\/\s*/, '');
}

export function collectTfjsTypings(root: string): Record<string, string> {
  const require = createRequire(join(root, 'package.json'));
  const files: Record<string, string> = {};
  for (const name of PACKAGES) {
    const packageDir = dirname(require.resolve(`${name}/package.json`));
    files[`file:///node_modules/${name}/package.json`] = JSON.stringify({ name, types: 'dist/index.d.ts' });
    for (const file of declarationFiles(join(packageDir, 'dist'))) {
      files[`file:///node_modules/${name}/${relative(packageDir, file).replaceAll('\\', '/')}`] = stripLicense(readFileSync(file, 'utf8'));
    }
  }
  return files;
}

export function tfjsTypings(): Plugin {
  let root = process.cwd();
  return {
    name: 'course:tfjs-typings',
    configResolved(config) {
      root = config.root;
    },
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      return `export default ${JSON.stringify(collectTfjsTypings(root))};`;
    },
  };
}
