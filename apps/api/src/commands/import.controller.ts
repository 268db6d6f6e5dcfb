import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { Transform } from 'node:stream';
import { NdjsonImport, ndjsonLines } from '#ledger';
import { httpCommandContext, type SocaiRequest } from '../common/request-context.js';
import { Access, AreaOf } from '../auth/index.js';
import { PayloadTooLarge } from '../common/http-errors.js';
import { IMPORT_TYPES } from '../limits/index.js';
import { Metrics } from '../observability/index.js';
import { SocaiRuntime } from '#runtime';

/**
 * Stops a chunked upload that runs past the import limit. Lines before that point are recorded
 * (each batch commits on its own); running the file again after splitting it records only the rest.
 */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? new PayloadTooLarge(`an import body may be at most ${limit} bytes; split the file`) : null, chunk);
    },
  });
}

@ApiTags('commands')
@Controller('api/import')
export class ImportController {
  constructor(
    @Inject(SocaiRuntime) private readonly runtime: SocaiRuntime,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Streams the body line by line, so a file of any size imports in bounded memory; a line longer
   * than SOCAI_MAX_LINE_BYTES is dropped as it arrives and refused by its number.
   */
  @Access({ roles: ['clerk'], area: AreaOf.checkedByLedger })
  @Post()
  @HttpCode(200)
  @ApiConsumes(...IMPORT_TYPES)
  @ApiOperation({ summary: 'Bulk import: one {"command","data"} per line; refused lines reported by number and reason; a second run records nothing' })
  @ApiBody({
    description: 'One command a line: {"command": name, "data": body}, the {unitCode} of nested routes inside data.',
    schema: {
      type: 'string',
      example:
        '{"command":"RegisterEmployer","data":{"unitCode":"BL00001","name":"Công ty Thủy sản Bạc Liêu","areaCode":"954","registeredOn":"2019-03-01"}}\n' +
        '{"command":"AssessContribution","data":{"unitCode":"BL00001","period":"2021-05","headcount":{"socialInsurance":10,"healthInsurance":10,"unemploymentInsurance":10},"payroll":"50000000","assessedOn":"2021-05-01"}}\n',
    },
  })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: over SOCAI_IMPORT_LIMIT_BYTES (lines before the limit are recorded)' })
  @ApiOkResponse({ description: '{recorded, duplicates, refused, refusals:[{line, code, message, errors?}], lines, events, seconds, eventsPerSecond, lastPosition}' })
  async import(@Req() request: SocaiRequest) {
    const limit = this.runtime.config.importLimitBytes;
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) throw new PayloadTooLarge(`an import body may be at most ${limit} bytes; split the file`);
    const context = { ...httpCommandContext(request), source: 'import' as const };
    const { maxLineBytes, jsonLimits } = this.runtime.config;
    const lines = ndjsonLines(request.pipe(byteLimit(limit)), maxLineBytes);
    const progress = this.metrics.importStarted();
    let summary;
    try {
      summary = await new NdjsonImport(this.runtime.ledger, context, { onProgress: progress.progress, jsonLimits }).run(lines);
      return summary;
    } finally {
      progress.finished(summary);
    }
  }
}
