import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { mayAdministerCommunity } from '../policies/index.js';
import { presentImport } from './presenter.js';
import { findImport } from './queries.js';

/** A stored preview again (the page reloaded), for those who may administer its community. */
export async function getImport(deps: Deps, v: Viewer, id: string) {
  const row = await findImport(deps.db, id);
  if (!row || !mayAdministerCommunity(v, row.communityId)) throw notFound('registry import');
  return presentImport(row);
}
