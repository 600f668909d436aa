// Counts the results the test runners wrote to <package>/.results/*.json (vitest and Playwright JSON
// reporters) and prints the closing line CI reads. A failing check or runner that reported nothing
// still counts as a failure, so a crash can never look green.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [checksExit = '0', testsExit = '0'] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function countPlaywright(suite) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status === 'skipped') skipped += 1;
      else if (test.status === 'expected' || test.status === 'flaky') passed += 1;
      else failed += 1;
    }
  }
  for (const child of suite.suites ?? []) countPlaywright(child);
}

for (const pkg of readdirSync('.')) {
  const dir = join(pkg, '.results');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (Array.isArray(report.testResults)) {
      passed += report.numPassedTests ?? 0;
      failed += report.numFailedTests ?? 0;
      skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
      // A test file that failed to load has no tests in it, yet it is a failure.
      failed += report.testResults.filter(
        (r) => r.status === 'failed' && r.assertionResults.length === 0,
      ).length;
    } else if (Array.isArray(report.suites)) {
      for (const suite of report.suites) countPlaywright(suite);
    }
  }
}
if (checksExit !== '0') {
  console.log('typecheck or lint failed');
  failed += 1;
}
if (testsExit !== '0' && failed === 0) {
  console.log('npm test exited non-zero without a failing test in the reports');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || testsExit !== '0' ? 1 : 0);
