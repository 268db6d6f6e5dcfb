// Types of the browser module format.js, so its unit spec type-checks under tsc.
export type Lang = 'vi' | 'en';
export function groupDigits(amount: string, lang?: Lang): string;
export function formatDong(amount: string, lang?: Lang): string;
export function formatMoneyShort(amount: string, lang?: Lang): string;
export function formatCount(value: number | null | undefined, lang?: Lang): string;
export function formatPercent(value: number | null | undefined, lang?: Lang): string;
export function formatDate(date: string, lang?: Lang): string;
export function formatMonth(month: string, lang?: Lang): string;
export function formatInstant(instant: string, lang?: Lang): string;
export function millionsForChart(amount: string): number;
export function compareMoney(a: string, b: string): -1 | 0 | 1;
export function percentChange(now: string, before: string, lang?: Lang): string | undefined;
