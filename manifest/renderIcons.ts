/**
 * Renders the Teams icons from their SVG sources: `npx tsx manifest/renderIcons.ts`.
 * The PNGs are committed, so packaging never needs sharp; run this only after editing color.svg or outline.svg.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type Sharp } from 'sharp';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const ICONS = [
  { source: 'color.svg', target: 'color.png', size: 192 },
  { source: 'outline.svg', target: 'outline.png', size: 32 },
] as const;

async function rasterise(source: string, size: number): Promise<Sharp> {
  // density makes librsvg draw at the target size, so edges are anti-aliased once rather than rescaled.
  return sharp(await fs.readFile(path.join(DIR, source)), { density: 72 }).resize(size, size, { fit: 'fill' });
}

/** Teams wants the outline icon pure white: keep only the coverage in alpha, every pixel's colour #FFFFFF. */
async function whiteOnTransparent(image: Sharp, size: number): Promise<Buffer> {
  const { data } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += 4) data.fill(255, i, i + 3);
  return sharp(data, { raw: { width: size, height: size, channels: 4 } }).png().toBuffer();
}

for (const { source, target, size } of ICONS) {
  const image = await rasterise(source, size);
  const png = target === 'outline.png' ? await whiteOnTransparent(image, size) : await image.removeAlpha().png().toBuffer();
  await fs.writeFile(path.join(DIR, target), png);
  console.log(`${target}: ${size}x${size} from ${source}`);
}
