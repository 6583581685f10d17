/**
 * How a prepared split is cut into files (docs/data.md, "Format"): ten gzip shards per split, each
 * holding its images' labels and then their pixels. The writer (scripts/data/manifest.ts) and the
 * loader (loader.ts) share these rules, so the two cannot disagree about a shard's bytes.
 *
 * Why shards: a training exercise uses a few thousand images, and a run should download only the
 * shards that hold them (the splits are stored in a mixed order, Fashion-MNIST shuffled and MNIST in
 * its official order, so the first shards are a fair sample: docs/data.md).
 * Why labels first: a reader that wants only the first few images can stop decompressing early.
 */

export const SHARDS_PER_SPLIT = 10;

export type SplitName = 'train' | 'test';

/** `train-03.u8.gz`: the file name of a split's `index`-th shard. */
export function shardPath(split: SplitName, index: number): string {
  return `${split}-${String(index).padStart(2, '0')}.u8.gz`;
}

/** How many images each shard of a split of `count` images holds: equal shards, the last one smaller when it must be. */
export function shardCounts(count: number): number[] {
  if (count === 0) return [];
  const size = Math.ceil(count / SHARDS_PER_SPLIT);
  const counts: number[] = [];
  for (let start = 0; start < count; start += size) counts.push(Math.min(size, count - start));
  return counts;
}

/** How many leading shards hold the first `images` images of the split. */
export function shardsHolding(counts: readonly number[], images: number): number {
  let held = 0;
  for (let i = 0; i < counts.length; i++) {
    if (held >= images) return i;
    held += counts[i]!;
  }
  return counts.length;
}

/** A shard's uncompressed bytes: `count` labels, then `count` images of `imageSize` bytes. */
export function packShard(labels: Uint8Array, images: Uint8Array): Uint8Array {
  const out = new Uint8Array(labels.byteLength + images.byteLength);
  out.set(labels, 0);
  out.set(images, labels.byteLength);
  return out;
}

/** The labels and pixels of a shard's uncompressed bytes, or undefined when its size does not fit `count` images. */
export function unpackShard(raw: Uint8Array, count: number, imageSize: number): { labels: Uint8Array; images: Uint8Array } | undefined {
  if (raw.byteLength !== count * (1 + imageSize)) return undefined;
  return { labels: raw.subarray(0, count), images: raw.subarray(count) };
}

/** Gunzips in a window, a worker or Node (DecompressionStream is a global in all three). */
export async function gunzip(compressed: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([compressed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
