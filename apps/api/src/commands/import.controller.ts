import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createInterface } from 'node:readline';
import { NdjsonImport } from '#ledger';
import { httpCommandContext, type SocaiRequest } from '../common/request-context.js';
import { Access, AreaOf } from '../auth/index.js';
import { SocaiRuntime } from '../runtime.js';

@ApiTags('commands')
@Controller('api/import')
export class ImportController {
  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  /** Streams the body line by line, so a file of any size imports in bounded memory. */
  @Access({ roles: ['clerk'], area: AreaOf.checkedByLedger })
  @Post()
  @HttpCode(200)
  @ApiConsumes('application/x-ndjson')
  @ApiOperation({ summary: 'Bulk import: one {"command","data"} per line; refused lines reported by number and reason; a second run records nothing' })
  @ApiOkResponse({ description: '{recorded, duplicates, refused, refusals:[{line, code, message, errors?}], lines, events, seconds, eventsPerSecond, lastPosition}' })
  async import(@Req() request: SocaiRequest) {
    const context = { ...httpCommandContext(request), source: 'import' as const };
    const lines = createInterface({ input: request, crlfDelay: Infinity });
    return new NdjsonImport(this.runtime.ledger, context).run(lines);
  }
}
