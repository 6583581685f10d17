import { defineCollection, z } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { lessonFields, requireLessonFields } from './schemas/lesson.ts';
import { exerciseSchema } from './schemas/exercise.ts';
import { EXERCISES_DIR, listExerciseIds, loadExercise } from '../graders/exercise-folder.ts';
import type { GraderSpec } from '../graders/types.ts';

// Imported here, while Vite loads this config: a loader runs after that and cannot import TypeScript itself.
const graders = import.meta.glob<{ default: GraderSpec }>('/content/exercises/*/grader.ts', { eager: true });

/**
 * Exercises come from the course's one exercise loader (graders/exercise-folder.ts), the same
 * one `check:exercises` and `npm run grade` use: a folder that is invalid there (schema, starter
 * equal to the solution, a wrong variant without its check, a lesson that does not embed it…)
 * fails the build with the same message.
 */
function exerciseLoader(): Loader {
  return {
    name: 'course-exercises',
    async load({ store, parseData, renderMarkdown, watcher }) {
      watcher?.add(EXERCISES_DIR);
      store.clear();
      for (const id of listExerciseIds()) {
        const exercise = await loadExercise(id, { graderModule: (name) => graders[`/content/exercises/${name}/grader.ts`] });
        const data = await parseData({ id, data: { ...exercise.meta, starter: exercise.starter, solution: exercise.solution, calls: exercise.grader.calls.length } });
        store.set({ id, data, body: exercise.task, rendered: await renderMarkdown(exercise.task) });
      }
    },
  };
}

/**
 * Lessons live in the top-level content/lessons/ folder (one sub-folder per module) rather than
 * Starlight's default src/content/docs/, so that authors find all course material under content/.
 * The sidebar is built from the same files (src/sidebar.ts).
 */
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content/lessons', pattern: '**/[^_]*.{md,mdx}' }),
    schema: (context) => docsSchema({ extend: lessonFields })(context).superRefine(requireLessonFields),
  }),
  /** One folder per exercise: index.md (metadata + task text), starter.ts, solution.ts, grader.ts, wrong/. */
  exercises: defineCollection({
    loader: exerciseLoader(),
    schema: exerciseSchema.innerType().extend({ starter: z.string(), solution: z.string(), calls: z.number().int() }),
  }),
};
