// Draws appPackage/color.png (192x192) and appPackage/outline.png (32x32): a shield with a check mark.
// Run once with `node scripts/make-icons.js`; the PNGs are committed.
const fs = require('node:fs');
const path = require('node:path');
const { PNG } = require('pngjs');

const NAVY = [27, 58, 87];
const TEAL = [43, 179, 163];
const WHITE = [255, 255, 255];

/** Inside a shield of unit size centred at (0.5, 0.5), shrunk by `inset`. */
function inShield(x, y, inset) {
  const dx = Math.abs(x - 0.5);
  const top = 0.14 + inset + 0.04 * (1 - (dx / 0.34) ** 2);
  const shoulder = 0.5;
  const bottom = 0.9 - inset * 1.6;
  if (y < top || y > bottom) return false;
  const t = y <= shoulder ? 0 : (y - shoulder) / (bottom - shoulder);
  return dx <= (0.34 - inset) * (1 - t * t);
}

function nearSegment(x, y, [ax, ay], [bx, by], radius) {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= radius;
}

function inCheck(x, y, radius) {
  const a = [0.36, 0.5];
  const b = [0.46, 0.61];
  const c = [0.66, 0.37];
  return nearSegment(x, y, a, b, radius) || nearSegment(x, y, b, c, radius);
}

/** Renders `sample(x, y) -> [r, g, b, a]` (unit coordinates) with 4x4 supersampling. */
function render(size, sample) {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [r, g, b, a] = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const i = (py * size + px) * 4;
      const alpha = sum[3] / (n * n);
      for (let c = 0; c < 3; c++) png.data[i + c] = sum[3] ? Math.round(sum[c] / sum[3]) : 255;
      png.data[i + 3] = Math.round(alpha * 255);
    }
  }
  return PNG.sync.write(png);
}

// Full colour: white-rimmed teal shield with a white check on navy; the symbol fills about the middle 60%.
const color = render(192, (x, y) => {
  const u = 0.5 + (x - 0.5) / 0.75;
  const v = 0.5 + (y - 0.5) / 0.75;
  if (inCheck(u, v, 0.045)) return [...WHITE, 1];
  if (inShield(u, v, 0.05)) return [...TEAL, 1];
  if (inShield(u, v, 0)) return [...WHITE, 1];
  return [...NAVY, 1];
});

// Outline: white shield rim and check on transparent, as Teams asks of the 32x32 icon.
const outline = render(32, (x, y) => {
  const u = 0.5 + (x - 0.5) / 0.92;
  const v = 0.5 + (y - 0.5) / 0.92;
  const ink = (inShield(u, v, 0) && !inShield(u, v, 0.08)) || inCheck(u, v, 0.05);
  return [...WHITE, ink ? 1 : 0];
});

const dir = path.join(__dirname, '..', 'appPackage');
fs.writeFileSync(path.join(dir, 'color.png'), color);
fs.writeFileSync(path.join(dir, 'outline.png'), outline);
