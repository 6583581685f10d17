import { z } from 'astro/zod';

/**
 * An exercise's metadata: the frontmatter of content/exercises/<id>/index.md, whose body is the
 * task text. starter.ts and solution.ts sit beside it. The Node tools validate the same schema.
 */
export const exerciseSchema = z
  .object({
    /** Title shown above the editor, in Korean. */
    title: z.string().min(1),
    /** The lesson page the exercise appears in, as its path under content/lessons without extension (`start/intro`). */
    lesson: z.string().min(1),
    /**
     * How the runtime drives the learner's file: `script` only evaluates it; `model` calls
     * `buildModel()`; `train` also loads data and calls `train(model, data)`; `values` calls the
     * functions the grader names.
     */
    kind: z.enum(['script', 'model', 'train', 'values']),
    /** Wall-clock limit of one run in seconds; past it the run is stopped and reported as 시간 초과. Default: 300 for `train`, 30 otherwise. */
    timeLimitSeconds: z.number().int().positive().max(3600).optional(),
    /** Training budget for `train` exercises, sized so the reference solution finishes in time on this course's slowest target (2-core machine, WASM). */
    dataset: z
      .object({
        /** Dataset folder under public/data (`mnist`, `fashion-mnist`). */
        name: z.enum(['mnist', 'fashion-mnist', 'cifar10']),
        /** Training images the learner gets. */
        trainSize: z.number().int().positive(),
        /** Images held out from the learner's training data for validation. */
        validationSize: z.number().int().nonnegative(),
        /** Shuffle seed, so every run uses the same subset. */
        seed: z.number().int().default(1),
      })
      .optional(),
    /** Points for passing. */
    points: z.number().int().nonnegative().default(10),
  })
  .superRefine((data, ctx) => {
    if (data.kind === 'train' && !data.dataset) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['dataset'],
        message: "kind가 'train'인 실습에는 dataset(name, trainSize, validationSize)이 필요합니다. 힌트: docs/authoring.md 참고.",
      });
    }
  });

export type ExerciseMeta = z.infer<typeof exerciseSchema>;

export function timeLimitMs(meta: Pick<ExerciseMeta, 'kind' | 'timeLimitSeconds'>): number {
  return (meta.timeLimitSeconds ?? (meta.kind === 'train' ? 300 : 30)) * 1000;
}
