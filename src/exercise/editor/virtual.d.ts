// The TF.js declarations collected at build time by typings-plugin.ts.
declare module 'virtual:tfjs-typings' {
  /** .d.ts sources (and package.json stubs) keyed by their `file:///node_modules/...` path. */
  const files: Record<string, string>;
  export default files;
}
