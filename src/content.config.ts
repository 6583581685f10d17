import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { lessonFields, requireLessonFields } from './schemas/lesson.ts';

/**
 * Lessons live in the top-level content/lessons/ folder (one sub-folder per module) rather than
 * Starlight's default src/content/docs/, so that authors find all course material under content/.
 * The sidebar is built from the same files (src/sidebar.ts).
 */
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content/lessons', pattern: '**/[^_]*.{md,mdx}' }),
    schema: (context) =>
      docsSchema({ extend: lessonFields })(context).superRefine(requireLessonFields),
  }),
};
