import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { CommandName } from '#domain';
import { toBusCommand, validateCommand, type CommandOutcome, type CommandResult } from '#ledger';
import { ValidationFailed } from '../common/http-errors.js';
import { httpCommandContext, type SocaiRequest } from '../common/request-context.js';

/**
 * The one way an HTTP route records a command: validate with the same rules as the bulk import,
 * send it over the command bus, and answer 201 for a new event or 200 for a repeated command.
 */
@Injectable()
export class CommandGateway {
  constructor(private readonly bus: CommandBus) {}

  async record(name: CommandName, body: unknown, request: SocaiRequest, response: Response, fromPath: object = {}): Promise<CommandResult> {
    const data = typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, ...fromPath } : body;
    const validated = validateCommand(name, data);
    if (!validated.ok) throw new ValidationFailed(validated.errors);
    const outcome: CommandOutcome = await this.bus.execute(toBusCommand(validated.command, httpCommandContext(request)));
    response.status(outcome.status === 'created' ? 201 : 200);
    return outcome.result;
  }
}
