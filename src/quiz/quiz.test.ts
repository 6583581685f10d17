import { describe, expect, it } from 'vitest';
import { scoreQuiz, scoreText, type QuizQuestion } from './quiz.ts';

const questions: QuizQuestion[] = [
  { question: 'a', choices: ['x', 'y'], answer: 1, explanation: '' },
  { question: 'b', choices: ['x', 'y', 'z'], answer: 0, explanation: '' },
  { question: 'c', choices: ['x', 'y'], answer: 0, explanation: '' },
];

describe('scoreQuiz', () => {
  it('counts answered and right answers, skipping unanswered questions', () => {
    expect(scoreQuiz(questions, [null, null, null])).toEqual({ answered: 0, correct: 0, total: 3 });
    expect(scoreQuiz(questions, [1, 2, null])).toEqual({ answered: 2, correct: 1, total: 3 });
    expect(scoreQuiz(questions, [1, 0, 0])).toEqual({ answered: 3, correct: 3, total: 3 });
    // A store written before a question was added has fewer answers than questions.
    expect(scoreQuiz(questions, [1])).toEqual({ answered: 1, correct: 1, total: 3 });
  });

  it('says in Korean how many are right and how many are left', () => {
    expect(scoreText({ answered: 0, correct: 0, total: 3 })).toBe('3문항');
    expect(scoreText({ answered: 2, correct: 1, total: 3 })).toBe('3문항 중 1개 정답 (1문항 남음)');
    expect(scoreText({ answered: 3, correct: 3, total: 3 })).toBe('3문항 중 3개 정답');
  });
});
