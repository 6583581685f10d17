/**
 * The self-check quizzes of the course, found at build time in the lessons' MDX, so the progress
 * page and the sidebar marks count them without a second list to keep in step.
 */
import { getCollection } from 'astro:content';

export interface LessonQuiz {
  id: string;
  /** The lesson's id, e.g. `deep-learning-workflow/ml-kinds`. */
  lesson: string;
  lessonTitle: string;
}

const QUIZ_TAG = /<Quiz\b[^>]*\bid="([^"]+)"/g;

export async function lessonQuizzes(): Promise<LessonQuiz[]> {
  const quizzes: LessonQuiz[] = [];
  for (const entry of await getCollection('docs')) {
    for (const match of (entry.body ?? '').matchAll(QUIZ_TAG)) {
      quizzes.push({ id: match[1]!, lesson: entry.id, lessonTitle: entry.data.title });
    }
  }
  const seen = new Map<string, string>();
  for (const { id, lesson } of quizzes) {
    // The progress store keys a quiz by its id alone, so two quizzes with one id would share answers.
    if (seen.has(id)) throw new Error(`Quiz id "${id}" is used twice: in ${seen.get(id)} and in ${lesson}. Quiz ids must be unique across the course.`);
    seen.set(id, lesson);
  }
  return quizzes;
}
