export const probe = (x: string): string => 'domain:' + x;
