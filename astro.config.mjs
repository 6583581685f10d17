// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { courseSidebar } from './src/sidebar.ts';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from './src/isolation.ts';
import { offlineCourse } from './src/offline/integration.ts';
import { tfjsTypings } from './src/exercise/editor/typings-plugin.ts';
import { monacoCssOnDemand } from './src/exercise/editor/monaco-css-plugin.ts';

/**
 * Self-hosting under a sub-path (GitHub Pages project sites: https://user.github.io/repo/)
 * sets BASE_PATH=/repo/ at build time; everything else derives from it.
 */
const base = process.env.BASE_PATH ?? '/';

// A module gets a sidebar group once its folder holds a lesson; planned modules stay on the home page only.
const sidebar = courseSidebar(fileURLToPath(new URL('./content/lessons', import.meta.url)));

export default defineConfig({
  ...(process.env.SITE_URL ? { site: process.env.SITE_URL } : {}),
  base,
  trailingSlash: 'ignore',
  // Dev and preview servers send the same isolation headers as production hosts (WASM threads need them).
  server: { host: '127.0.0.1', port: 4321, headers: CROSS_ORIGIN_ISOLATION_HEADERS },
  markdown: { remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] },
  vite: {
    plugins: [tfjsTypings(), monacoCssOnDemand()],
    // Workers are ES modules (the runner imports TF.js lazily per backend).
    worker: { format: 'es' },
  },
  integrations: [
    starlight({
      title: 'CNN 배우기',
      description: '합성곱 신경망을 한국어로 배우고, 브라우저에서 직접 모델을 학습시키며 채점받는 코스',
      defaultLocale: 'root',
      locales: { root: { label: '한국어', lang: 'ko' } },
      sidebar,
      // Fonts and stylesheets are bundled from node_modules, never fetched from a CDN.
      customCss: [
        // Korean text needs a Korean font on every machine; Pretendard is split by unicode-range so a page loads only the glyph subsets it uses.
        'pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css',
        'katex/dist/katex.min.css',
        './src/styles/course.css',
      ],
      head: [
        // Installable: a learner can add the course to a phone's home screen (icons: scripts/render-icons.ts).
        { tag: 'link', attrs: { rel: 'manifest', href: `${base.replace(/\/?$/, '/')}manifest.webmanifest` } },
        { tag: 'link', attrs: { rel: 'apple-touch-icon', href: `${base.replace(/\/?$/, '/')}icon-192.png` } },
        { tag: 'meta', attrs: { name: 'theme-color', content: '#3d50f5' } },
      ],
      // The sidebar marks lessons whose exercises were tried or passed (progress lives in localStorage).
      components: { Sidebar: './src/components/Sidebar.astro' },
      pagination: true,
      lastUpdated: false,
    }),
    // The service worker (offline use, isolation on hosts without headers) and its update notice.
    offlineCourse(base),
  ],
});
