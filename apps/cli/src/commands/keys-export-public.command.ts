import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { loadOrCreateSigningKey } from '#event-store';
import { auditConfig, configFromEnv } from '#runtime';

/**
 * Prints the SPKI PEM of the key that signs checkpoints, creating the key pair if the server has not
 * yet (so an auditor can pin the key before the first checkpoint). The private key never leaves the file.
 */
function printPublicKey(): void {
  const key = loadOrCreateSigningKey(auditConfig(configFromEnv()).signingKeyFile);
  process.stdout.write(key.publicKeyPem);
}

/** `socai keys export-public`: attached to the `keys` command. */
@SubCommand({ name: 'export-public', description: 'Print the Ed25519 public key (PEM) that signs the checkpoints, for `verify --public-key` and tools/verify-export.mjs' })
export class KeysExportPublicCommand extends CommandRunner {
  async run(): Promise<void> {
    printPublicKey();
  }
}

/** `socai public-key`: the same, as a top-level command. */
@Command({ name: 'public-key', description: 'Print the Ed25519 public key (PEM) that signs the checkpoints (same as `keys export-public`)' })
export class PublicKeyCommand extends CommandRunner {
  async run(): Promise<void> {
    printPublicKey();
  }
}
