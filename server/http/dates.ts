// Dates the API accepts: years 1900 to 2199. Far outside that, SQLite and PostgreSQL
// cannot store (or read back) what JavaScript's Date can hold, and no date in this
// app (deadlines, schedules, employment since …) means anything there.
import { z } from 'zod';

export const DATE_MIN = new Date('1900-01-01T00:00:00Z');
export const DATE_MAX = new Date('2200-01-01T00:00:00Z');

export const inDateRange = (d: Date) => d >= DATE_MIN && d < DATE_MAX;

/** A date and time in a request (ISO text, or anything `new Date` reads), within the years above. */
export const dateTime = (message = 'a date and time, e.g. 2026-12-01T09:00:00+08:00') =>
  z.coerce
    .date({ message })
    .refine(inDateRange, 'must be between the years 1900 and 2199');
