// Prisma 6.19 without its Rust engines compiles every query to a plan in WebAssembly, on the
// event loop, before running it: a sixth of the CPU of the authorization matrix (4.5 s of 25 s), where
// 68 % of the 15,880 queries repeated one already compiled, to the byte (a caller's session, the
// same page asked for again, the community's categories). Prisma 7.4 caches plans itself, with
// the values taken out (prisma/orm#29038); until the project can move to it, this keeps the last
// plans per compiler, keyed by the exact query text the client hands to it. Same text, same plan:
// the plan holds the query's values, so no two different queries share one. The interpreter only
// reads a plan (checked: 10,759 plans reused on the matrix, none changed by their run), and the
// plan cache test (tests/platform/query-plans.test.ts) runs it on both databases.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Plans kept per compiler (the least recently used goes first), and the longest query text kept. */
export const PLAN_CACHE = { entries: 1_000, maxKeyChars: 8_192 };

interface Compiler {
  compile(query: string): unknown;
}

interface PlanCache {
  plans: Map<string, unknown>;
  hits: number;
  misses: number;
}

const caches = new WeakMap<object, PlanCache>();
const patched = new WeakSet<object>();

/** What one compiler's cache holds and how it has served. */
export function planCacheStats(compiler: object): { size: number; hits: number; misses: number } | undefined {
  const c = caches.get(compiler);
  return c && { size: c.plans.size, hits: c.hits, misses: c.misses };
}

/** Every compiler's figures together, for the process (the clients' compilers are Prisma's own objects). */
const totals = { hits: 0, misses: 0 };
export const planCacheTotals = () => ({ ...totals });

/** `compile` with the cache in front of it (what `cacheQueryPlans` puts on Prisma's compiler). */
export function planCached(original: Compiler['compile']): Compiler['compile'] {
  return function (this: Compiler, query: string) {
    return cached.call(this, original, query);
  };
}

function cached(this: Compiler, original: Compiler['compile'], query: string): unknown {
  if (query.length > PLAN_CACHE.maxKeyChars) return original.call(this, query);
  let cache = caches.get(this);
  if (!cache) caches.set(this, (cache = { plans: new Map(), hits: 0, misses: 0 }));
  const plan = cache.plans.get(query);
  if (plan !== undefined) {
    // most recently used last: delete and set again
    cache.plans.delete(query);
    cache.plans.set(query, plan);
    cache.hits++;
    totals.hits++;
    return plan;
  }
  const fresh = original.call(this, query); // throws for a query it cannot compile: nothing kept
  cache.misses++;
  totals.misses++;
  cache.plans.set(query, fresh);
  if (cache.plans.size > PLAN_CACHE.entries) cache.plans.delete(cache.plans.keys().next().value!);
  return fresh;
}

/**
 * Puts the cache in front of the query compiler of the generated client in `clientDir` (its
 * `query_compiler_bg.js`, which the client loads with `require` and so shares with this one).
 * Returns false, and changes nothing, if that client has no such compiler (another Prisma).
 */
export function cacheQueryPlans(clientDir: string): boolean {
  let module: Record<string, unknown>;
  try {
    module = require(`${clientDir}/query_compiler_bg.js`) as Record<string, unknown>;
  } catch {
    return false;
  }
  const Compiler = Object.values(module).find(
    (v): v is { prototype: Compiler } => typeof v === 'function' && typeof (v as { prototype?: Partial<Compiler> }).prototype?.compile === 'function',
  );
  if (!Compiler) return false;
  if (patched.has(Compiler.prototype)) return true;
  Compiler.prototype.compile = planCached(Compiler.prototype.compile);
  patched.add(Compiler.prototype);
  return true;
}
