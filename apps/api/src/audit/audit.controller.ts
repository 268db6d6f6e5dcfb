import { Controller, Get, Header, Inject, NotFoundException, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access, AreaOf } from '../auth/index.js';
import { QueryParams } from '../queries/query-params.js';
import { auditConfig, checkpointsPage, SocaiRuntime, verifyLedger } from '#runtime';
import { readSigningKey } from '#event-store';
import { QueryDocs } from '../openapi/query-docs.js';

const MAX_PAGE = 1_000;

/** Tamper evidence for auditors: the full verification, the signed checkpoints, the key that signs them. */
@ApiTags('audit')
@Controller('api/audit')
export class AuditController {
  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  @Access({ roles: ['auditor'], area: AreaOf.everywhere })
  @Get('verify')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Recompute every stream chain and the running digest; check every checkpoint signature' })
  async verify() {
    // Yielding now and then lets the server answer other requests during a long verification.
    return verifyLedger(this.runtime.config, { yieldEvery: 20_000 });
  }

  @Access({ roles: ['auditor'], area: AreaOf.everywhere })
  @Get('checkpoints')
  @QueryDocs({ fromPosition: { type: 'integer', description: 'First log position (default 0).', example: 0 }, limit: { type: 'integer', description: 'Page size, 1 to 1,000 (default 100).', example: 100 } })
  @ApiOperation({ summary: 'Signed checkpoints {position, digest, signedAt, signature, keyId} from a position, paged' })
  checkpoints(@Query() query: Record<string, unknown>) {
    const params = new QueryParams(query);
    const fromPosition = params.integer('fromPosition', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
    const limit = params.integer('limit', { min: 1, max: MAX_PAGE, fallback: 100 });
    params.check();
    return checkpointsPage(this.runtime.config, fromPosition, limit);
  }

  @Access({ roles: ['auditor'], area: AreaOf.everywhere })
  @Get('public-key')
  @ApiProduces('application/x-pem-file')
  @ApiOperation({ summary: 'The Ed25519 public key (SPKI PEM) that signs the checkpoints' })
  @Header('Content-Type', 'application/x-pem-file')
  publicKey() {
    const key = readSigningKey(auditConfig(this.runtime.config).signingKeyFile);
    if (!key) throw new NotFoundException({ statusCode: 404, code: 'NO_SIGNING_KEY', message: 'this node has not signed any checkpoint yet' });
    return key.publicKeyPem;
  }
}
