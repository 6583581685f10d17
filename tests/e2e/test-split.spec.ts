import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures.ts';
import { openEditor, runAndWait, setCode } from './exercise-helpers.ts';

/**
 * Learner code cannot reach the held-out test split by the obvious routes, and says why; the
 * grader, in its own worker, still reads it (every grading test depends on that).
 */
const routes: { name: string; code: string }[] = [
  { name: 'fetch', code: "const r = await fetch('/data/mnist/test-00.u8.gz');\nprint('읽음', (await r.arrayBuffer()).byteLength);\n" },
  {
    name: 'XMLHttpRequest',
    code: "const x = new XMLHttpRequest();\nx.open('GET', '/data/fashion-mnist/test-00.u8.gz', false);\nx.send();\nprint('읽음', x.responseText.length);\n",
  },
  { name: 'Cache Storage', code: "const r = await caches.match('/data/mnist/test-00.u8.gz');\nprint('읽음', r?.status);\n" },
  { name: 'a nested worker', code: "new Worker('data:text/javascript,postMessage(1)');\nprint('읽음');\n" },
  { name: 'a dynamic import', code: "await import('/data/mnist/test-00.u8.gz');\nprint('읽음');\n" },
];

test.describe('the test split', () => {
  for (const route of routes) {
    test(`is out of learner code's reach through ${route.name}`, async ({ page }) => {
      await page.goto('/start/playground/');
      const root = await openEditor(page, 'playground');
      await setCode(page, root, `import { print } from 'course';\n${route.code}`);
      expect(await runAndWait(root, ['idle', 'error'])).toBe('error');
      const output = root.getByRole('status');
      await expect(output).not.toContainText('읽음');
      await expect(output).toContainText(route.name === 'a nested worker' ? 'Worker은(는) 실습 코드에서 쓸 수 없습니다' : route.name === 'a dynamic import' ? '실습에서 쓸 수 없습니다' : '테스트 데이터는 채점기만 읽을 수 있습니다');
    });
  }

  test('training data still loads in the runner', async ({ page }) => {
    await page.goto('/start/playground/');
    const root = await openEditor(page, 'playground');
    await setCode(page, root, "import { print } from 'course';\nconst r = await fetch('/data/mnist/train-00.u8.gz');\nprint('훈련 샤드', r.status);\n");
    expect(await runAndWait(root, ['idle', 'error'])).toBe('idle');
    await expect(root.getByRole('status')).toContainText('훈련 샤드 200');
  });
});

test('lesson pages carry no call inputs: every inlined exercise config is under 16 KB', () => {
  const dist = new URL('../../dist/', import.meta.url).pathname;
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'index.html') pages.push(path);
    }
  };
  walk(dist);
  const configs = pages.flatMap((page) =>
    [...readFileSync(page, 'utf8').matchAll(/<script type="application\/json" data-role="config"[^>]*>([\s\S]*?)<\/script>/g)].map((m) => ({ page, json: m[1]! })),
  );
  expect(configs.length).toBeGreaterThan(10);
  for (const { page, json } of configs) {
    expect(json.length, `${page}: inlined config`).toBeLessThan(16 * 1024);
    expect(json, `${page}: call inputs inlined`).not.toMatch(/\$tensor|"args"/);
  }
});
