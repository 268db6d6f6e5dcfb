import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { EXIT } from '../exit-codes.js';
import { createKeyAction, listKeysAction, revokeKeyAction, type CreateKeyFlags, type KeysIo } from './keys-actions.js';
import { KeysExportPublicCommand } from './keys-export-public.command.js';

const processIo: KeysIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

@SubCommand({ name: 'create', description: 'Create a key: --name N --role admin|clerk|inspector|finance|auditor --areas 45,465 (or "*"); prints the key once' })
export class KeysCreateCommand extends CommandRunner {
  async run(_: string[], flags: CreateKeyFlags): Promise<void> {
    process.exitCode = createKeyAction(flags, processIo);
  }

  @Option({ flags: '--name <name>', description: 'who holds the key, unique among keys not revoked; labels the events it records (their actor is the key id)', required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--role <role>', description: 'admin, clerk, inspector, finance or auditor', required: true })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--areas <codes>', description: 'comma-separated province, district or commune codes, or "*"', required: true })
  parseAreas(value: string): string {
    return value;
  }
}

@SubCommand({ name: 'list', description: 'List the keys (never a secret): id, name, role, areas, created, revoked' })
export class KeysListCommand extends CommandRunner {
  async run(): Promise<void> {
    process.exitCode = listKeysAction(processIo);
  }
}

@SubCommand({ name: 'revoke', arguments: '<id>', description: 'Revoke a key for good; a running server refuses it at once' })
export class KeysRevokeCommand extends CommandRunner {
  async run([id]: string[]): Promise<void> {
    process.exitCode = revokeKeyAction(id, processIo);
  }
}

@Command({
  name: 'keys',
  description: 'API keys: `keys create --name N --role R --areas 45,465`, `keys list`, `keys revoke ID`',
  subCommands: [KeysCreateCommand, KeysListCommand, KeysRevokeCommand, KeysExportPublicCommand],
})
export class KeysCommand extends CommandRunner {
  static readonly subCommands = [KeysCreateCommand, KeysListCommand, KeysRevokeCommand, KeysExportPublicCommand];

  async run(): Promise<void> {
    process.stderr.write('usage: socai keys create --name N --role R --areas 45,465 | keys list | keys revoke ID\n');
    process.exitCode = EXIT.usage;
  }
}
