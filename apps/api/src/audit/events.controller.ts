import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { BANK_EVENT_TYPES, EVENT_TYPES as LEDGER_EVENT_TYPES } from '#domain';
import type { RecordedEvent } from '#event-store';
import { QueryParams } from '../queries/query-params.js';
import { Access, AreaOf } from '../auth/index.js';
import { SocaiRuntime } from '#runtime';
import { QueryDocs } from '../openapi/query-docs.js';

const MAX_PAGE = 1_000;
const EVENT_TYPES = [...LEDGER_EVENT_TYPES, ...BANK_EVENT_TYPES];

function present(event: RecordedEvent) {
  return { eventId: event.eventId, type: event.type, streamId: event.streamId, revision: event.revision, position: event.position, data: event.data, metadata: event.metadata };
}

/** The raw log for auditors: every fact with its data and full metadata, hashes included. */
@ApiTags('audit')
@Controller('api')
export class EventsController {
  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  @Access({ roles: ['auditor'], area: AreaOf.everywhere })
  @Get('streams/:streamId/events')
  @QueryDocs({ fromRevision: { type: 'integer', description: 'First revision (default 0).', example: 0 }, limit: { type: 'integer', description: 'Page size, 1 to 1,000 (default 100).', example: 100 } })
  @ApiOperation({ summary: 'One stream, from a revision, with data and full metadata' })
  async stream(@Param('streamId') streamId: string, @Query() query: Record<string, unknown>) {
    const params = new QueryParams(query);
    const fromRevision = params.integer('fromRevision', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
    const limit = params.integer('limit', { min: 1, max: MAX_PAGE, fallback: 100 });
    params.check();
    const events = await this.runtime.store.readStream(streamId, { fromRevision, limit });
    return { streamId, events: events.map(present) };
  }

  @Access({ roles: ['auditor'], area: AreaOf.everywhere })
  @Get('events')
  @QueryDocs({
    fromPosition: { type: 'integer', description: 'First position (default 1); pass `nextPosition` for the next page.', example: 1 },
    limit: { type: 'integer', description: 'Page size, 1 to 1,000 (default 100).', example: 100 },
    type: { description: 'Only events of this type.', enum: EVENT_TYPES },
  })
  @ApiOperation({ summary: 'The global log from a position, paged; optional type filter' })
  async events(@Query() query: Record<string, unknown>) {
    const params = new QueryParams(query);
    const fromPosition = params.integer('fromPosition', { min: 1, max: Number.MAX_SAFE_INTEGER, fallback: 1 });
    const limit = params.integer('limit', { min: 1, max: MAX_PAGE, fallback: 100 });
    const type = params.oneOf('type', EVENT_TYPES);
    params.check();
    const events = await this.runtime.store.readAll({ fromPosition, limit, types: type ? [type] : undefined });
    const nextPosition = events.length > 0 ? events[events.length - 1].position + 1 : fromPosition;
    return { events: events.map(present), nextPosition };
  }
}
