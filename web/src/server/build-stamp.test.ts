import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeBuildStamp } from './build-stamp';
import { WEB_ROOT } from './paths';

describe('build stamp', () => {
  // Inside web/ so that `next` resolves from the fixture as it does from the real package.
  const root = join(WEB_ROOT, '.results', `stamp-fixture-${process.pid}`, 'web');

  beforeEach(() => {
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"name":"fixture"}');
    writeFileSync(join(root, 'src', 'page.tsx'), 'export default 1;');
  });
  afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('stays the same while nothing changes, so a restart reuses the build', () => {
    expect(computeBuildStamp(root)).toBe(computeBuildStamp(root));
  });

  it('changes when a page source changes, so the next start rebuilds', () => {
    const before = computeBuildStamp(root);
    writeFileSync(join(root, 'src', 'page.tsx'), 'export default 2;');
    expect(computeBuildStamp(root)).not.toBe(before);
  });

  it('ignores tests and build output, which do not reach the browser', () => {
    const before = computeBuildStamp(root);
    writeFileSync(join(root, 'src', 'page.test.ts'), 'it.todo("x")');
    mkdirSync(join(root, '.next'), { recursive: true });
    writeFileSync(join(root, '.next', 'BUILD_ID'), 'abc');
    expect(computeBuildStamp(root)).toBe(before);
  });
});
