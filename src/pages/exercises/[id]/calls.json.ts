/**
 * The inputs a values exercise's checks hand the learner's functions, as a static file the
 * runner fetches when it runs (lesson pages stay small). Typed arrays become plain arrays here;
 * the runner turns `$tensor` arguments back into tensors.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { GraderSpec } from '../../../../graders/types.ts';

const graders = import.meta.glob<{ default: GraderSpec }>('/content/exercises/*/grader.ts', { eager: true });

export const getStaticPaths = (() =>
  Object.entries(graders)
    .filter(([, module]) => module.default.calls.length > 0)
    .map(([path, module]) => ({ params: { id: path.split('/')[3]! }, props: { calls: module.default.calls } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify(props['calls'], (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float32Array) : value)), {
    headers: { 'content-type': 'application/json' },
  });
