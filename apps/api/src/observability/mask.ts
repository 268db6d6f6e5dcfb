/**
 * Person ids never reach a log in clear: a BHXH number (10 digits), a CCCD (12 digits), and the
 * BHXH number inside a card code are runs of 10 or more digits, masked to their last 4. Any other
 * run that long (a receipt number made of digits) is masked too: a log line errs towards privacy.
 */
export function maskPersonIds(text: string): string {
  return text.replace(/\d{10,}/g, (digits) => '*'.repeat(digits.length - 4) + digits.slice(-4));
}
