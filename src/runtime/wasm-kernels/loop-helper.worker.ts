/** A helper thread of the course's SIMD loops (_parallel.ts): it serves from its first message on, and never returns. */
import { serveLoops, type LoopHelperStart } from './_parallel.ts';

self.onmessage = (event: MessageEvent<LoopHelperStart>) => serveLoops(event.data);
