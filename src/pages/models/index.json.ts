/**
 * `models/index.json`: the pretrained models in public/models at build time, the course's and any a
 * user placed there (`course.listPretrained()` reads it). Rebuild the site after adding one.
 */
import { join } from 'node:path';
import type { APIRoute } from 'astro';
import { readCatalog } from '../../pretrained/catalog.ts';

// Astro builds from the project root; a bundled page's own URL points into the build folder.
export const GET: APIRoute = () => Response.json(readCatalog(join(process.cwd(), 'public', 'models')));
