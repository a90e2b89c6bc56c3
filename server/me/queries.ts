// The me domain's own table: PrivacyConsent (prisma/schema/consent.prisma), through Prisma only.
import type { Deps } from '../context.js';

export interface ConsentRow {
  kind: string;
  policyVersion: string;
  agreedAt: Date;
}

/** Every agreement of one user, oldest first. */
export function consentsOf(deps: Deps, userId: string): Promise<ConsentRow[]> {
  return deps.db.privacyConsent.findMany({
    where: { userId },
    select: { kind: true, policyVersion: true, agreedAt: true },
    orderBy: [{ agreedAt: 'asc' }, { id: 'asc' }],
  });
}

export function recordConsent(deps: Deps, userId: string, kind: string, policyVersion: string, agreedAt: Date): Promise<ConsentRow> {
  return deps.db.privacyConsent.create({
    data: { userId, kind, policyVersion, agreedAt },
    select: { kind: true, policyVersion: true, agreedAt: true },
  });
}
