import type { Viewer } from '../auth/viewer.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

/** The signed-in viewer; routes mounted after requireViewer always have one. */
export function viewerOf(ctx: Pick<AppContext, 'state'>): Viewer {
  const v = ctx.state.viewer;
  if (!v) throw new AppError('unauthenticated', 'sign in first');
  return v;
}
