import { defineGrader } from '../../../graders/types.ts';
import { customCheck } from '../../../graders/checks.ts';

/** Ungraded: the learning curves are for looking at; running without an error is all it asks. */
export default defineGrader({
  checks: [customCheck('runs', '코드 실행', () => ({ passed: true, message: '코드가 오류 없이 실행되었습니다.' }))],
});
