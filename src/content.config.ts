import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { lessonFields, requireLessonFields } from './schemas/lesson.ts';
import { exerciseSchema } from './schemas/exercise.ts';

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
  /** One folder per exercise: index.md (metadata + task text), starter.ts, solution.ts. */
  exercises: defineCollection({
    loader: glob({
      base: './content/exercises',
      pattern: '*/index.md',
      generateId: ({ entry }) => entry.split('/')[0] ?? entry,
    }),
    schema: exerciseSchema,
  }),
};
