/**
 * Course-wide facts shared by the Astro config, the content schema and the pages:
 * the module list (content/modules.json) and the five source documents.
 */
import modulesJson from '../content/modules.json' with { type: 'json' };

export interface CourseModule {
  /** Folder name under content/lessons/ and the sidebar group key. */
  id: string;
  /** Korean title shown in the sidebar and on the home page. */
  title: string;
  summary: string;
  /** Ids of the source documents this module mirrors (see SOURCE_DOCUMENTS). */
  sources: SourceDocumentId[];
}

export const SOURCE_DOCUMENT_IDS = ['000', '001', '002', '003', '004'] as const;
export type SourceDocumentId = (typeof SOURCE_DOCUMENT_IDS)[number];

/** The five Korean study documents the course mirrors (../shared/seeds/README.md). */
export const SOURCE_DOCUMENTS: Record<SourceDocumentId, { title: string; kind: string }> = {
  '000': { title: '케라스 창시자에게 배우는 딥러닝 4–5장', kind: '강의 슬라이드' },
  '001': { title: '시작하세요! 텐서플로 2.0 프로그래밍 6장 CNN', kind: '블로그 글' },
  '002': { title: '컴퓨터 비전 8장: 합성곱 신경망', kind: '스터디 노트' },
  '003': { title: '혼자 공부하는 머신러닝+딥러닝 8-1 ~ 8-3', kind: '스터디 블로그' },
  '004': { title: '영상처리 기초 3. CNN', kind: '강의 노트' },
};

export const COURSE_MODULES: readonly CourseModule[] = modulesJson as CourseModule[];
export const MODULE_IDS = COURSE_MODULES.map((m) => m.id);
