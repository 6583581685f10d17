import { z } from 'astro/zod';
import { DATASET_NAMES, EXERCISE_KINDS, type DatasetBudget, type ExerciseSettings } from '../runtime/protocol.ts';

const datasetSchema = z.object({
  /** Dataset folder under public/data. */
  name: z.enum(DATASET_NAMES),
  /** Training images the learner gets. */
  trainSize: z.number().int().positive(),
  /** Images held out from the learner's training data for validation. */
  validationSize: z.number().int().nonnegative(),
  /** Shuffle seed, so every run uses the same subset. */
  seed: z.number().int().default(1),
  /** 'leading-shards': download only the shards the budget needs (docs/authoring.md); default 'whole-split'. */
  subsetFrom: z.enum(['whole-split', 'leading-shards']).optional(),
}) satisfies z.ZodType<DatasetBudget, z.ZodTypeDef, unknown>;

/**
 * An exercise's metadata: the frontmatter of content/exercises/<id>/index.md, whose body is the
 * task text. The site's content loader and the Node tools validate the same schema
 * (src/schemas/exercise-folder.ts).
 */
export const exerciseSchema = z
  .object({
    /** Title shown above the editor, in Korean. */
    title: z.string().min(1),
    /** The lesson page the exercise appears in, as its path under content/lessons without extension (`start/intro`). */
    lesson: z.string().min(1),
    /** How the runtime drives the learner's file (see `ExerciseKind`). */
    kind: z.enum(EXERCISE_KINDS),
    /** Wall-clock limit of one run in seconds; past it the run is stopped and reported as 시간 초과. Default: 300 for `train`, 30 otherwise. */
    timeLimitSeconds: z.number().int().positive().max(3600).optional(),
    /** Wall-clock limit of one grading in seconds; past it the grader is replaced and the checklist says so. Default: 120. */
    gradeTimeLimitSeconds: z.number().int().positive().max(3600).optional(),
    /** Training budget for `train` exercises, sized so the reference solution finishes in time on this course's slowest target (2-core machine, WASM). */
    dataset: datasetSchema.optional(),
    /** Points for passing; 0 for an ungraded exercise, which needs no grader.ts. */
    points: z.number().int().nonnegative().default(10),
  })
  .superRefine((data, ctx) => {
    if (data.kind === 'train' && !data.dataset) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['dataset'],
        message: "kind가 'train'인 실습에는 dataset(name, trainSize, validationSize)이 필요합니다.",
      });
    }
  });

export type ExerciseMeta = z.infer<typeof exerciseSchema>;

/** What the run-and-grade pipeline needs of an exercise. */
export function exerciseSettings(id: string, meta: ExerciseMeta): ExerciseSettings {
  return {
    id,
    kind: meta.kind,
    points: meta.points,
    timeLimitMs: (meta.timeLimitSeconds ?? (meta.kind === 'train' ? 300 : 30)) * 1000,
    gradeTimeLimitMs: (meta.gradeTimeLimitSeconds ?? 120) * 1000,
    ...(meta.dataset ? { dataset: meta.dataset } : {}),
  };
}
