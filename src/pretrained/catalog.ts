/**
 * The list of models in a public/models folder, for build time (`models/index.json`) and for Node
 * (the CLI's sandbox answers `models/index.json` with it). Node-only: it reads the folder.
 * A folder counts when it holds a model.json; one with a manifest.json was made by the course.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PretrainedListing } from './loader.ts';
import type { PretrainedManifest } from './manifest.ts';

export function readCatalog(modelsDir: string): PretrainedListing[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^[a-z0-9][a-z0-9_-]*$/i.test(entry.name) && existsSync(join(modelsDir, entry.name, 'model.json')))
    .map((entry): PretrainedListing => {
      const manifestPath = join(modelsDir, entry.name, 'manifest.json');
      if (!existsSync(manifestPath)) return { name: entry.name, origin: 'user' };
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PretrainedManifest;
      return { name: entry.name, origin: 'course', title: manifest.title, inputShape: manifest.inputShape, classes: manifest.classes.length };
    })
    .sort((a, b) => (a.origin === b.origin ? a.name.localeCompare(b.name) : a.origin === 'course' ? -1 : 1));
}
