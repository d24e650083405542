import { OutboundPolicy } from '@mindhill/platform';
import { DataSourceCredentials } from '../../../data-sources/domain/credentials';
import { DataSourceRow } from '../../../data-sources/infrastructure/data-source.repository';
import { FetchStats } from '../../domain/fetch-collector';

export type ResolvedSource = { row: DataSourceRow; credentials: DataSourceCredentials; label: string };

export type ReadContext = {
  maxBytes: number;
  timeoutMs: number;
  fileRoots: readonly string[];
  // What `api` sources may reach (every request goes through guardedFetch with it).
  outbound: OutboundPolicy;
  stats: FetchStats;
  // Stores and records one item; an item over maxBytes must be reported with fail() instead.
  emit(source: ResolvedSource, name: string, bytes: Buffer, declaredMime: string | null): Promise<void>;
  fail(source: ResolvedSource, reason: string, unreachable: boolean): void;
};

export type SourceReader = (source: ResolvedSource, ctx: ReadContext) => Promise<void>;

export const tooLarge = (size: number, max: number) =>
  `larger than the ${Math.round((max / 1024 / 1024) * 100) / 100} MB limit (${size} bytes)`;
