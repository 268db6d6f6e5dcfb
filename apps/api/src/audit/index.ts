import { AuditController } from './audit.controller.js';
import { KnownAtService } from './known-at.service.js';

export { auditConfig, type AuditConfig } from './audit-config.js';
export { startCheckpointing, type Checkpointing } from './checkpointing.js';
export { checkpointPublicKey, checkpointsPage, verifyLedger } from './audit-verification.js';
export { arraySource, knownAtSource, recordedBy, withScratchReadModels } from './known-at.js';
export { KnownAtService } from './known-at.service.js';

export const AUDIT_CONTROLLERS = [AuditController];
export const AUDIT_PROVIDERS = [KnownAtService];
