// Jakarta's civil-service time, as every side counts it: the engine, the calendar, the API's reports and
// the simulator. Pure constants, safe in workflow code.

/** Asia/Jakarta (WIB) is UTC+7 all year: Indonesia keeps no daylight saving time. */
export const JAKARTA_UTC_OFFSET_MINUTES = 7 * 60;
export const JAKARTA_UTC_OFFSET_MS = JAKARTA_UTC_OFFSET_MINUTES * 60_000;
/** The offset as ISO 8601 writes it, for instants given in Jakarta time ('2026-06-01T00:00:00+07:00'). */
export const JAKARTA_ISO_OFFSET = '+07:00';

/** A business day: 7.5 working hours, the civil-service day (37.5 hours over Monday to Friday). */
export const MINUTES_PER_BUSINESS_DAY = 450;
