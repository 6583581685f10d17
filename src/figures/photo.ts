/**
 * The sample photos (china.jpg, flower.jpg) as the figures compute on them: decoded by the browser,
 * scaled on a canvas, read back as RGBA bytes.
 */
import type { RgbaImage } from './augment.ts';

/** Loads an image at `width` pixels wide and, unless `height` is given, the height its aspect ratio gives. */
export async function loadPhotoPixels(url: string, width: number, height?: number): Promise<RgbaImage> {
  const image = new Image();
  image.src = url;
  await image.decode();
  const h = height ?? Math.round((image.naturalHeight * width) / image.naturalWidth);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = h;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(image, 0, 0, width, h);
  return { width, height: h, data: context.getImageData(0, 0, width, h).data };
}
