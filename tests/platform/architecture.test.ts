// The server's shape (docs/architecture.md), checked on the source itself:
// the import rules of .dependency-cruiser.cjs, every role decision in
// server/policies/, and one folder per URL prefix with its index.ts.
import fs from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';
import type { RouteGroup } from '../../server/http/route.js';
import { testDbKind } from '../support/database.js';

const SERVER = path.resolve('server');
const rel = (file: string) => path.relative(process.cwd(), file).split(path.sep).join('/');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

// the source is the same whichever database the run uses: checked once, not again in server-pg
describe.skipIf(testDbKind() === 'postgres')('the shape of the server', () => {
  it('imports follow the rules of .dependency-cruiser.cjs: no circles, domains through their index.ts, shared code imports no domain, the client takes types only', async () => {
    const options = await extractDepcruiseOptions(path.resolve('.dependency-cruiser.cjs'));
    const { output } = await cruise(['server', 'client', 'shared'], options, {}, { tsConfig: extractTSConfig(path.resolve('tsconfig.json')) });
    const result = output as ICruiseResult;

    // the rules would pass vacuously if `./x.js` stopped resolving to x.ts: the edges must be there
    const app = result.modules.find((m) => m.source === 'server/app.ts');
    expect(app?.dependencies.map((d) => d.resolved)).toContain('server/routes.ts');
    expect(result.summary.totalCruised).toBeGreaterThan(100);

    const comments = new Map(result.summary.ruleSetUsed?.forbidden?.map((r) => [r.name, r.comment]));
    const violations = result.summary.violations.map(
      (v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (circle: ${[v.from, ...v.cycle.map((c) => c.name)].join(' → ')})` : ''}`,
    );
    const rules = [...new Set(result.summary.violations.map((v) => v.rule.name))];
    expect(violations, `the rules broken (.dependency-cruiser.cjs):\n${rules.map((r) => `  ${r}: ${comments.get(r) ?? ''}`).join('\n')}\n`).toEqual([]);
  });

  it('no role is read and no role helper called outside server/policies/', () => {
    // the viewer is built in auth/viewer.ts and the demo data seeds roles: both handle roles as data, not as decisions
    const allowed = (f: string) => f.startsWith('server/policies/') || f === 'server/auth/viewer.ts' || f.startsWith('server/demo/');
    const roleDecision = /\b(?:viewer|v)\??\.roles\b|\b(?:isAdmin|communitiesWith|gridsWorkedBy|buildingsHeadedBy)\(/;
    const offenders: string[] = [];
    for (const file of sourceFiles(SERVER)) {
      const name = rel(file);
      if (allowed(name)) continue;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(?:\/\/|\*|\/\*)/.test(line)) return; // a comment may name what it must not do
          if (roleDecision.test(line)) offenders.push(`${name}:${i + 1}  ${line.trim()}`);
        });
    }
    expect(offenders, 'role decisions belong in server/policies/ (docs/architecture.md rule 4)').toEqual([]);
  });

  it('each URL-prefix folder (one with a routes.ts) has an index.ts, and its routes.ts exports its route group', async () => {
    const folders = fs
      .readdirSync(SERVER, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(SERVER, e.name, 'routes.ts')))
      .map((e) => e.name);
    expect(folders).toContain('orders');

    const problems: string[] = [];
    for (const folder of folders) {
      const dir = `server/${folder}`;
      if (!fs.existsSync(path.join(SERVER, folder, 'index.ts'))) problems.push(`${dir}: no index.ts`);
      const routes: Record<string, unknown> = await import(`../../server/${folder}/routes.ts`);
      // docs describes the others: its group is made from their list (docsRoutes(groups))
      const exported = folder === 'docs' ? [(routes.docsRoutes as (g: RouteGroup[]) => RouteGroup)([])] : Object.values(routes);
      const groups = exported.filter(isRouteGroup);
      if (!groups.length) problems.push(`${dir}/routes.ts: exports no routeGroup(...)`);
      // the group's name is its folder (route.ts: "The folder and the document's tag"): one folder per prefix
      for (const g of groups) if (g.name !== folder) problems.push(`${dir}/routes.ts: exports the group '${g.name}' (${g.prefix}), which is not this folder's`);
    }
    expect(problems).toEqual([]);
  });
});

function isRouteGroup(v: unknown): v is RouteGroup {
  const g = v as Partial<RouteGroup> | null;
  return (
    !!g &&
    typeof g === 'object' &&
    typeof g.name === 'string' &&
    typeof g.prefix === 'string' &&
    Array.isArray(g.routes) &&
    g.routes.every((r) => typeof r?.method === 'string' && typeof r.path === 'string' && typeof r.handler === 'function')
  );
}
