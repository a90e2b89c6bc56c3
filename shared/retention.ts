// How long personal data is kept (PIPL Art. 19: no longer than the purpose needs).
// The retention sweeper (a background task, server/main.ts) deletes what is past
// these; README "Personal data" says why each period was chosen.

/** Photos of a closed order (evaluated or cancelled): a year after it closed, for complaints and the year's 评单 review. */
export const ORDER_PHOTO_RETENTION_DAYS = 365;

/** Access-log entries (reveals of full ID numbers): three years, the least PIPL Art. 56 asks of processing records. */
export const ACCESS_LOG_RETENTION_DAYS = 3 * 365;
