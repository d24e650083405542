import { checkUrlAtSave, OutboundPolicy, ZodValidationPipe } from '@mindhill/platform';
import { dataSourceDecider, DataSourceDecider } from '../domain/data-source.decider';
import { DatabaseSourcePolicy } from '../domain/database-source-policy';
import { SourceInput } from '../domain/data-source-definition';
import { sourceInputSchema } from '../domain/source-input.schema';
import { CredentialCipher } from './credential-cipher';

export const DATA_SOURCE_DECIDER = Symbol('DATA_SOURCE_DECIDER');

export type SourceSettings = { fileRoots: readonly string[]; outbound: OutboundPolicy; database: DatabaseSourcePolicy };

// The data-source rules with this service's pieces plugged in: the outbound guard's save-time
// URL check, the request pipe's coded validation errors, the AES-GCM cipher.
export function buildDataSourceDecider(settings: SourceSettings, cipher: CredentialCipher): DataSourceDecider {
  const validate = new ZodValidationPipe(sourceInputSchema);
  return dataSourceDecider({
    policy: {
      fileRoots: settings.fileRoots,
      database: settings.database,
      checkUrl: (url) => checkUrlAtSave(url, settings.outbound),
    },
    parseInput: (merged): SourceInput => validate.transform(merged),
    seal: (credentials) => cipher.encrypt(credentials),
    unseal: (blob) => cipher.decrypt(blob),
  });
}
