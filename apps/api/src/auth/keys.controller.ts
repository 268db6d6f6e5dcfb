import { Body, Controller, Delete, Get, HttpCode, HttpException, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiNoContentResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import { NotFound, ValidationFailed } from '../common/http-errors.js';
import { checkNewKey, KeyNameTakenError, KeyStore, SocaiRuntime } from '#runtime';
import { Access } from './access.js';
import { AreaOf } from './area-scope.js';

/**
 * Key management, for admin keys that cover every area (a key limited to some areas could
 * otherwise mint a key for all of them).
 */
const ADMIN_ONLY = { roles: [], area: AreaOf.everywhere } as const;

@ApiTags('keys')
@ApiBearerAuth()
@Controller('api/keys')
export class KeysController {
  constructor(
    private readonly keys: KeyStore,
    @Inject(SocaiRuntime) private readonly runtime: SocaiRuntime,
  ) {}

  @Post()
  @Access(ADMIN_ONLY)
  @ApiOperation({ summary: 'Create an API key {name, role, areas}; the answer shows the key this once' })
  @ApiBody({
    description: 'Who holds the key (a name unique among live keys, beside the key id in the events it records), its role and its areas.',
    schema: {
      type: 'object',
      required: ['name', 'role', 'areas'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', example: 'clerk-954' },
        role: { type: 'string', enum: ['admin', 'clerk', 'inspector', 'finance', 'auditor'], example: 'clerk' },
        areas: { type: 'array', items: { type: 'string' }, example: ['954'], description: 'Province, district or commune codes, or ["*"] for every area.' },
      },
    },
  })
  @ApiCreatedResponse({ description: '{id, name, role, areas, key}: the key is shown this once' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a missing name, an unknown role or area' })
  @ApiConflictResponse({ description: 'KEY_NAME_TAKEN: a key that is not revoked has this name (case aside)' })
  create(@Body() body: unknown) {
    const checked = checkNewKey(body, (code) => this.runtime.areas.findAny(code) !== undefined);
    if (!checked.ok) throw new ValidationFailed(checked.errors);
    try {
      const { id, name, role, areas, key } = this.keys.create(checked.key, 'api');
      return { id, name, role, areas, key };
    } catch (error) {
      if (error instanceof KeyNameTakenError) throw new HttpException({ statusCode: 409, code: error.code, message: error.message }, 409);
      throw error;
    }
  }

  @Get()
  @Access(ADMIN_ONLY)
  @ApiOperation({ summary: 'Every key with its role, areas and dates; never a secret' })
  list() {
    return { keys: this.keys.list() };
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(ADMIN_ONLY)
  @ApiOperation({ summary: 'Revoke a key for good' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiNotFoundResponse({ description: 'KEY_NOT_FOUND' })
  revoke(@Param('id') id: string): void {
    if (!this.keys.revoke(id)) throw new NotFound('KEY_NOT_FOUND', `no key ${id}`);
  }
}
