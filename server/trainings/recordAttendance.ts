import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import type { DbTx } from '../db.js';
import { badRequest, notFound } from '../errors.js';
import { jobsStaffCommunity } from '../policies/index.js';
import { enrolmentsOfResidents, findSession, markAttendance } from './queries.js';
import type { AttendanceBody } from './schemas.js';

/** The enrolments of the residents named, each enrolled or completed (else 400 at `field`.i). */
export async function enrolmentsByResident(tx: DbTx, trainingId: string, residentIds: string[], field: string) {
  const rows = await enrolmentsOfResidents(tx, trainingId, residentIds);
  const byResident = new Map(rows.map((e) => [e.residentId, e]));
  residentIds.forEach((id, i) => {
    const e = byResident.get(id);
    if (!e || (e.status !== 'enrolled' && e.status !== 'completed')) throw badRequest(`${field}.${i}`, 'not enrolled in this course');
  });
  return byResident;
}

/** Staff mark who came on a day; marking the same day again corrects it. */
export async function recordAttendance(deps: Deps, v: Viewer, trainingId: string, body: AttendanceBody) {
  const communityId = jobsStaffCommunity(v);
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    if (!(await findSession(tx, trainingId, communityId))) throw notFound('training');
    const byResident = await enrolmentsByResident(tx, trainingId, body.records.map((r) => r.residentId), 'body.records');
    for (const r of body.records) {
      await markAttendance(tx, { communityId, enrolmentId: byResident.get(r.residentId)!.id, day: body.day, present: r.present, recordedById: v.userId, at: now });
    }
    return { day: body.day, recorded: body.records.length };
  });
}
