/**
 * Builds Starlight's sidebar from content/lessons/ at config time: one group per module of
 * content/modules.json that has lessons, lessons ordered by their frontmatter `order`.
 * (Starlight's `autogenerate` only understands its default src/content/docs/ folder.)
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { COURSE_MODULES } from './course.ts';

interface SidebarLink {
  label: string;
  link: string;
}
export interface SidebarGroup {
  label: string;
  items: SidebarLink[];
}

function frontmatterOf(file: string): Record<string, unknown> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
  const data = match?.[1] === undefined ? undefined : load(match[1]);
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

export function courseSidebar(lessonsDir: string): SidebarGroup[] {
  return COURSE_MODULES.flatMap((module) => {
    const dir = join(lessonsDir, module.id);
    if (!existsSync(dir)) return [];
    const lessons = readdirSync(dir)
      .filter((name) => /^[^_].*\.mdx?$/.test(name))
      .map((name) => {
        const data = frontmatterOf(join(dir, name));
        const slug = name.replace(/\.mdx?$/, '');
        return {
          label: String(data['sidebar_label'] ?? data['title'] ?? slug),
          order: typeof data['order'] === 'number' ? data['order'] : Number.MAX_SAFE_INTEGER,
          link: `/${module.id}/${slug}/`,
        };
      })
      .sort((a, b) => a.order - b.order || a.link.localeCompare(b.link));
    return lessons.length === 0 ? [] : [{ label: module.title, items: lessons.map(({ label, link }) => ({ label, link })) }];
  });
}
