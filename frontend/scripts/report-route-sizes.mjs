// The JavaScript each route loads before it can show anything, from the Vite manifest of the
// last build: the entry and its static imports, plus the route's page chunk and its static
// imports. Chunks a page imports lazily (the charts) are listed apart: they load after the page's
// first figures. Usage: `npm run build -w frontend && node frontend/scripts/report-route-sizes.mjs`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist =
  process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));

const ROUTES = [
  ['/sign-in (and the app shell)', null],
  ['/ (Overview)', 'src/pages/overview-page.tsx'],
  ['/sensitivity', 'src/pages/sensitivity-page.tsx'],
  ['/variation', 'src/pages/practice-variation-page.tsx'],
  ['/pack', 'src/pages/committee-pack-page.tsx'],
  ['/trend', 'src/pages/conflict-trend-page.tsx'],
  ['/volume', 'src/pages/order-volume-page.tsx'],
  ['/cases', 'src/pages/cases-page.tsx'],
  ['/cases/:id', 'src/pages/case-page.tsx'],
  ['/data', 'src/pages/data-page.tsx'],
  ['/settings', 'src/pages/settings-page.tsx'],
];

const sizes = new Map();
const gzipOf = (file) => {
  if (!sizes.has(file)) sizes.set(file, gzipSync(readFileSync(path.join(dist, file))).length);
  return sizes.get(file);
};

/** The manifest keys a key loads statically (itself included). */
const staticKeys = (key, seen = new Set()) => {
  if (!manifest[key] || seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) staticKeys(imported, seen);
  return seen;
};
const staticClosure = (key) => new Set([...staticKeys(key)].map((item) => manifest[item].file));

/** What the page's modules import lazily (its charts), beyond what is already loaded. */
const lazyClosure = (key, initial) => {
  const lazy = new Set();
  for (const item of staticKeys(key)) {
    for (const dynamic of manifest[item].dynamicImports ?? []) {
      if (dynamic.includes('/pages/')) continue;
      for (const file of staticClosure(dynamic)) if (!initial.has(file)) lazy.add(file);
    }
  }
  return lazy;
};

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const total = (files) => [...files].reduce((sum, file) => sum + gzipOf(file), 0);
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const entry = staticClosure(entryKey);

console.log('route | initial JS (gzip) | of which the page | loaded after (charts, gzip)');
for (const [route, key] of ROUTES) {
  if (key !== null && !manifest[key]) continue;
  const initial = new Set(entry);
  if (key) for (const file of staticClosure(key)) initial.add(file);
  const page = total(initial) - total(entry);
  const lazy = key ? lazyClosure(key, initial) : new Set();
  console.log(
    `${route} | ${kB(total(initial))} | ${kB(page)} | ${lazy.size ? kB(total(lazy)) : '—'}`,
  );
}
