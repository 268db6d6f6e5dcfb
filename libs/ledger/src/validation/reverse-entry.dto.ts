import { CodeField, DateField, TextField } from './field-decorators.js';
import { MAX_REASON_LENGTH } from './field-rules.js';

/** ReverseEntry: a recorded fact is never edited; a reversal cancels its effect, once. */
export class ReverseEntryDto {
  @CodeField({ description: 'Id of the event to reverse: the idempotency key.', example: '3f1c2a9e-7b1d-5c0e-8a41-2b9d6e0f1a37' })
  eventId: string;

  @TextField(MAX_REASON_LENGTH, { description: 'Why the entry is reversed.', example: 'Nhập trùng chứng từ' })
  reason: string;

  @DateField({ description: 'Date of the reversal.', example: '2024-04-02' })
  reversedOn: string;
}
