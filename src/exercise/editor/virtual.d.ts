// The TF.js declarations collected at build time by typings-plugin.ts.
declare module 'virtual:tfjs-typings' {
  /** .d.ts sources keyed by their `file:///node_modules/...` path. */
  const files: Record<string, string>;
  export default files;
}

// Monaco's ESM entry with every editor feature; typed through the package's main declarations.
declare module 'monaco-editor/esm/vs/editor/edcore.main.js';
