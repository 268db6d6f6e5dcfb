import { AuditController } from './audit.controller.js';
import { KnownAtService } from './known-at.service.js';

export { KnownAtService } from './known-at.service.js';

export const AUDIT_CONTROLLERS = [AuditController];
export const AUDIT_PROVIDERS = [KnownAtService];
