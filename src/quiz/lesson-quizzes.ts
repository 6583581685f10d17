/**
 * The self-checks placed in the lessons' MDX (`<Quiz>` quizzes and `<Predict>` predictions), found
 * at build time, so the progress page and the sidebar marks count them without a second list to
 * keep in step.
 */
import { getCollection } from 'astro:content';
import { predictKey, quizKey } from '../exercise/storage.ts';

export interface LessonQuiz {
  id: string;
  /** The lesson's id, e.g. `deep-learning-workflow/ml-kinds`. */
  lesson: string;
  lessonTitle: string;
}

/** A self-check as the progress page and the sidebar marks list it. */
export interface LessonSelfCheck {
  /** Its key in the progress store (`quiz:<id>`, `predict:<id>`). */
  key: string;
  lesson: string;
  title: string;
  /** The id of its heading, for a link to it. */
  anchor: string;
}

async function lessonTags(component: 'Quiz' | 'Predict'): Promise<LessonQuiz[]> {
  const tag = new RegExp(`<${component}\\b[^>]*\\bid="([^"]+)"`, 'g');
  const found: LessonQuiz[] = [];
  for (const entry of await getCollection('docs')) {
    for (const match of (entry.body ?? '').matchAll(tag)) {
      found.push({ id: match[1]!, lesson: entry.id, lessonTitle: entry.data.title });
    }
  }
  const seen = new Map<string, string>();
  for (const { id, lesson } of found) {
    // The progress store keys a self-check by its id alone, so two with one id would share answers.
    if (seen.has(id)) throw new Error(`${component} id "${id}" is used twice: in ${seen.get(id)} and in ${lesson}. ${component} ids must be unique across the course.`);
    seen.set(id, lesson);
  }
  return found;
}

export const lessonQuizzes = () => lessonTags('Quiz');
export const lessonPredictions = () => lessonTags('Predict');

/** Every quiz and prediction of the course, in lesson order within each kind. */
export async function lessonSelfChecks(): Promise<LessonSelfCheck[]> {
  return [
    ...(await lessonQuizzes()).map((q) => ({ key: quizKey(q.id), lesson: q.lesson, title: `스스로 점검하기: ${q.lessonTitle}`, anchor: `quiz-${q.id}-title` })),
    ...(await lessonPredictions()).map((p) => ({ key: predictKey(p.id), lesson: p.lesson, title: `층별 예측: ${p.lessonTitle}`, anchor: `predict-${p.id}-title` })),
  ];
}
