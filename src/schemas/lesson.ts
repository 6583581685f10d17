import { z } from 'astro/zod';
import { MODULE_IDS, SOURCE_DOCUMENT_IDS } from '../course.ts';

/** The part of a document a lesson mirrors. */
const sourceSchema = z.object({
  /** Which of the five documents, by its number in ../shared/seeds (`'003'`). */
  document: z.enum(SOURCE_DOCUMENT_IDS),
  /** The document's sections this lesson follows, in order, as the document names them (`'8-1 합성곱 신경망의 구성 요소'`). */
  sections: z.array(z.string().min(1)).min(1),
});

/**
 * Course fields added to Starlight's frontmatter. They are optional at the field level because
 * the splash home page is not a lesson; `requireLessonFields` makes them mandatory for every other page.
 */
export const lessonFields = z.object({
  /** Id of the module in content/modules.json; must match the folder the file is in. */
  module: z.string().optional(),
  /** Position of the lesson inside its module (1, 2, …); orders the sidebar and the home page. */
  order: z.number().int().nonnegative().optional(),
  /** The source documents and sections the lesson mirrors; `[]` for pages that introduce the course. */
  sources: z.array(sourceSchema).optional(),
  /** What a learner can do after the lesson, one sentence each, in Korean. */
  objectives: z.array(z.string().min(1)).optional(),
});

type LessonFields = z.infer<typeof lessonFields> & { template: 'doc' | 'splash' };

/** Fails the build with a message and a hint when a lesson page misses a course field. */
export function requireLessonFields(data: LessonFields, ctx: z.RefinementCtx): void {
  if (data.template === 'splash') return;
  const hint = '힌트: docs/authoring.md의 "레슨 frontmatter" 절에 예시가 있습니다.';
  for (const field of ['module', 'order', 'sources', 'objectives'] as const) {
    if (data[field] === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [field],
        message: `레슨에 '${field}' 필드가 없습니다. ${hint}`,
      });
    }
  }
  if (data.module !== undefined && !MODULE_IDS.includes(data.module)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['module'],
      message: `알 수 없는 모듈 '${data.module}'. 가능한 값: ${MODULE_IDS.join(', ')} (content/modules.json). ${hint}`,
    });
  }
  if (data.objectives !== undefined && data.objectives.length === 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['objectives'], message: `학습 목표를 하나 이상 적으세요. ${hint}` });
  }
}
