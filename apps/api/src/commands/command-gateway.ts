import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { commandKeyOf, DomainError, type CommandName } from '#domain';
import { AreaNotAllowedError, ConcurrencyExhaustedError, IdempotencyConflictError, Ledger, validateCommand, type CommandOutcome, type CommandResult } from '#ledger';
import { ValidationFailed } from '../common/http-errors.js';
import { httpCommandContext, type SocaiRequest } from '../common/request-context.js';
import { Metrics, type CommandOutcome as CountedOutcome } from '../observability/index.js';

/**
 * The one way an HTTP route records a command: validate with the same rules as the bulk import,
 * record it through the ledger's command pipeline (as the CLI and the import do), and answer 201
 * for a new event or 200 for a repeated command.
 */
@Injectable()
export class CommandGateway {
  constructor(
    @Inject(Ledger) private readonly ledger: Ledger,
    private readonly metrics: Metrics,
  ) {}

  async record(name: CommandName, body: unknown, request: SocaiRequest, response: Response, fromPath: object = {}): Promise<CommandResult> {
    const data = typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, ...fromPath } : body;
    const validated = validateCommand(name, data);
    if (!validated.ok) {
      this.metrics.command(name, 'refused');
      throw new ValidationFailed(validated.errors);
    }
    // Named on the request's log line (masked there), refused or not.
    request.commandKey = commandKeyOf(validated.command);
    let outcome: CommandOutcome;
    try {
      outcome = await this.ledger.execute(validated.command, httpCommandContext(request));
    } catch (error) {
      this.metrics.command(name, outcomeOf(error));
      throw error;
    }
    this.metrics.command(name, outcome.status === 'created' ? 'recorded' : 'duplicate');
    response.status(outcome.status === 'created' ? 201 : 200);
    return outcome.result;
  }
}

/** The metrics' outcome of a command that failed, as the error filter answers it. */
function outcomeOf(error: unknown): CountedOutcome {
  if (error instanceof IdempotencyConflictError || error instanceof ConcurrencyExhaustedError) return 'conflict';
  if (error instanceof DomainError || error instanceof AreaNotAllowedError) return 'refused';
  return 'failed';
}
