import type { IsoDate } from '../calendar.js';

/**
 * The day the 2025 reorganisation took effect (QĐ 19/2025/QĐ-TTg, Nghị quyết 202/2025/QH15):
 * districts were abolished, 63 provinces became 34, and communes sit directly under the provinces.
 * Dates before it use the older table.
 */
export const AREA_TABLES_SWITCH_ON: IsoDate = '2025-07-01';

/** The last day of the older table: the last day an abolished province or any district was in force. */
export const OLD_AREAS_END_ON: IsoDate = '2025-06-30';
