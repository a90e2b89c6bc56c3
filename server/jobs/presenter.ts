// What residents and staff see of postings and of the interests registered in them.
import type { JobInterest, JobKind, JobPosting } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import { parseTrades } from '../employment/index.js';
import { mustReveal, placeOfHousehold, relationsTo, revealAs, sees } from '../policies/index.js';
import type { InterestRow } from './queries.js';

/** Nearest first: the estate's workshop, then public-welfare posts, the county, then work far away. */
export const NEAREST: Record<JobKind, number> = { workshop: 0, public_welfare: 1, local: 2, outbound: 3 };

/** What a viewer's answers add to a posting: whether it fits the trades they want, whether they registered. */
interface ForViewer {
  matchesMe?: boolean;
  interested?: boolean;
}

/** `interested`: whether the viewer registered; `interestedCount`: how many did (when counted). */
export function presentJob<E extends ForViewer = {}>(j: JobPosting & { _count?: { interests: number } }, extra: E = {} as E) {
  return {
    id: j.id,
    employer: j.employer,
    title: j.title,
    kind: j.kind,
    location: j.location,
    pay: { min: j.payMin, max: j.payMax, unit: j.payUnit },
    headcount: j.headcount,
    requirements: j.requirements,
    contact: j.contact,
    trades: parseTrades(j.trades),
    deadline: j.deadline,
    status: j.status,
    createdAt: j.createdAt,
    ...(j._count ? { interestedCount: j._count.interests } : {}),
    ...extra,
  };
}

export const presentInterest = (i: JobInterest) => ({ id: i.id, jobId: i.jobId, outcome: i.outcome, registeredAt: i.createdAt });

/**
 * An interest as the viewer sees it (the visibility table for their relations to
 * the resident's household): who, with a phone to call them back, age and home
 * where the table shows them. The list reaches only the posting's community's
 * staff (jobsStaffCommunity), to whom the table shows all of these.
 */
export function presentInterestRow(v: Viewer, r: InterestRow) {
  const h = r.resident.household;
  const seen = relationsTo(v, placeOfHousehold(h));
  return {
    id: r.id,
    resident: {
      id: r.resident.id,
      name: mustReveal(seen, 'name', r.resident.name),
      ...revealAs(seen, 'phone', 'phone', r.resident.phone),
      ...(sees(seen, 'genderBirthYear') ? { gender: r.resident.gender, birthYear: r.resident.birthYear } : {}),
      ...revealAs(seen, 'room', 'home', `${h.building.name} ${h.unit.name} ${h.room}`),
    },
    outcome: r.outcome,
    registeredAt: r.createdAt,
  };
}
