/**
 * Vite plugin: `virtual:tfjs-typings` exports the declaration files of @tensorflow/tfjs-core and
 * @tensorflow/tfjs-layers as `{ 'file:///node_modules/…': source }`, so the editor can give
 * learners TF.js completions and type errors without fetching anything from another host.
 * Only the editor imports it, lazily, so lesson pages carry none of it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:tfjs-typings';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const PACKAGES = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'] as const;
/** What `import * as tf from '@tensorflow/tfjs'` exposes to learner code (see src/runtime/learner-api/tfjs.d.ts). */
const ENTRIES = ['@tensorflow/tfjs-core/dist/index', '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops', '@tensorflow/tfjs-layers/dist/index'];

// Specifiers in `import … from`, `export … from`, `import '…'` and `import('…')` type queries.
const SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

/**
 * Half the bytes are the Apache header repeated in every file, AMD names, the docs site's
 * `@doc` tags and four-space indentation; the JSDoc itself stays because hovers and
 * completions show it to learners.
 */
export function shrinkDeclaration(source: string): string {
  return source
    .replace(/^\/\*\*\s*\n\s*\*\s*@license[\s\S]*?\*\/\s*/, '')
    .replace(/^\/\/\/ <amd-module .*\n/m, '')
    .replace(/^\s*\*\s*@doc\s*\{[^}\n]*\}\s*\n/gm, '')
    .replace(/^(?: {4})+/gm, (indent) => ' '.repeat(indent.length / 4));
}

/**
 * The declaration files reachable from the entries: the packages ship hundreds more
 * (tests, kernels' internals) that no public type mentions.
 */
export function collectTfjsTypings(root: string): Record<string, string> {
  const require = createRequire(join(root, 'package.json'));
  const packageDirs = new Map(PACKAGES.map((name) => [name, dirname(require.resolve(`${name}/package.json`))]));

  const toFile = (base: string) => [`${base}.d.ts`, join(base, 'index.d.ts')].find((path) => existsSync(path));
  const resolveSpecifier = (specifier: string, from: string): string | undefined => {
    if (specifier.startsWith('.')) return toFile(resolve(dirname(from), specifier));
    // Other packages (e.g. @webgpu/types) only type backend internals a learner never touches.
    const name = PACKAGES.find((p) => specifier === p || specifier.startsWith(`${p}/`));
    if (!name) return undefined;
    const packageDir = packageDirs.get(name) as string;
    const subpath = specifier.slice(name.length + 1);
    return toFile(join(packageDir, subpath || 'dist/index'));
  };

  const files: Record<string, string> = {};
  const pending = ENTRIES.map((entry) => resolveSpecifier(entry, root)).filter((file) => file !== undefined);
  const seen = new Set(pending);
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    const source = readFileSync(file, 'utf8');
    const [name, packageDir] = [...packageDirs].find(([, dir]) => file.startsWith(dir + sep)) as [string, string];
    files[`file:///node_modules/${name}/${relative(packageDir, file).replaceAll('\\', '/')}`] = shrinkDeclaration(source);
    for (const [, specifier] of source.matchAll(SPECIFIER)) {
      const target = resolveSpecifier(specifier as string, file);
      if (target && !seen.has(target)) {
        seen.add(target);
        pending.push(target);
      }
    }
  }
  // The editor's module resolution finds each package's entry through its package.json.
  for (const name of PACKAGES) files[`file:///node_modules/${name}/package.json`] = JSON.stringify({ name, types: 'dist/index.d.ts' });
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
