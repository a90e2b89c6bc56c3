// The 就业台账's own reckoning: who counts as employed and as labour, and the
// ledger's days and years (China time). The statuses and their labels are
// shared with the mini-program (shared/words.ts).
import type { EmploymentStatus } from '@prisma/client';
import type { Deps } from '../context.js';

export const EMPLOYED: EmploymentStatus[] = ['employed_local', 'employed_outbound', 'public_welfare', 'self_employed'];
/** 劳动力: aged 16 to 60, as the communities count working-age people. */
export const WORKING_AGE = { from: 16, to: 60 } as const;

/** The day in China time: a "since" is a date, however precisely it was typed. */
export const chinaDay = (d: Date | null | undefined) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null);

/** The ledger's year: China time, as everywhere in the ledger. */
export const ledgerYear = (deps: Pick<Deps, 'clock'>) => new Date(deps.clock().getTime() + 8 * 3600_000).getUTCFullYear();
