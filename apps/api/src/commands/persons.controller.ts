import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RelocatePersonDto } from '#ledger';
import type { SocaiRequest } from '../common/request-context.js';
import { Access, AreaOf } from '../auth/index.js';
import { CommandGateway } from './command-gateway.js';
import { CommandRoute } from './command-responses.js';

/** Commands on a person named by the path (issue 28's relocations). */
@ApiTags('commands')
@Controller('api/persons')
export class PersonsController {
  constructor(private readonly gateway: CommandGateway) {}

  // The guard checks the target; the ledger also checks the home the person leaves, on the move's date.
  @Access({ roles: ['clerk'], area: AreaOf.bodyAreaCode })
  @Post(':personId/relocations')
  @ApiOperation({ summary: 'RelocatePerson → PersonRelocated (key: personId+effectiveOn); the person is homed in areaCode from effectiveOn' })
  @CommandRoute('RelocatePerson', RelocatePersonDto)
  relocate(@Param('personId') personId: string, @Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('RelocatePerson', body, request, response, { personId });
  }
}
