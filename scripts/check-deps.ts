// npm run lint:deps — the import rules of .dependency-cruiser.cjs over server/, client/
// and shared/, printed one violation a line; exits 1 if any. Through dependency-cruiser's
// JS API: its command line refuses Node 20, which this project still supports
// (tests/platform/architecture.test.ts runs the same check in `npm test`).
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const options = await extractDepcruiseOptions(path.resolve('.dependency-cruiser.cjs'));
const { output } = await cruise(['server', 'client', 'shared'], options, {}, { tsConfig: extractTSConfig(path.resolve('tsconfig.json')) });
const result = output as ICruiseResult;
for (const v of result.summary.violations) {
  console.log(`${v.rule.severity} ${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (circle: ${[v.from, ...v.cycle.map((c) => c.name)].join(' → ')})` : ''}`);
}
console.log(`${result.summary.totalCruised} modules, ${result.summary.totalDependenciesCruised} imports, ${result.summary.violations.length} violations`);
process.exit(result.summary.violations.length ? 1 : 0);
