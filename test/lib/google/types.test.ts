import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import pkg from '../../../package.json';

const root = join(__dirname, '../../..');
const SKIP = new Set(['node_modules', 'dist', 'build', 'test', 'bench', '.git']);

function appSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return appSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe("Google's generated types stay out of the build", () => {
  const importsOf = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /from '@googleapis\//.test(line))
      .map((line) => `${relative(root, file)}: ${line.trim()}`);

  it('the app imports @googleapis/* for types only (erased at compile time)', () => {
    const imports = appSources(root).flatMap(importsOf);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((line) => !/: import type /.test(line))).toEqual([]);
  });

  it('they are dev dependencies, so no production install carries them', () => {
    const runtime = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
    expect(runtime.filter((name) => name.startsWith('@googleapis/'))).toEqual([]);
    expect(Object.keys(pkg.devDependencies)).toEqual(
      expect.arrayContaining(['@googleapis/sheets', '@googleapis/gmail']),
    );
  });
});
