// The project's store, its audit trail and the watcher lease, as configured: the embedded SQLite file for
// one instance, or Azure Blob Storage shared by several.
import { ManagedIdentityCredential } from '@azure/identity';
import type { ContainerClient } from '@azure/storage-blob';
import type { StorageConfig } from '../config';
import { LocalLease, type WatchLease } from '../watch/lease';
import { BlobAuditTrail } from './blobAuditTrail';
import { BlobWatchLease } from './blobLease';
import { BlobStore, blobContainerFrom } from './blobStore';
import { databasePath, openDatabase } from './database';
import { SqliteAuditTrail } from './sqliteAuditTrail';
import { SqliteStore } from './sqliteStore';
import type { AuditTrail, ConcurrentStore } from './storage';

export interface OpenedStorage {
  store: ConcurrentStore;
  audit: AuditTrail;
  watchLease: WatchLease;
  close(): void;
}

/** The configured container: by connection string, or by account URL with the managed identity. */
export function blobContainerOf(storage: Extract<StorageConfig, { kind: 'blob' }>, managedIdentityClientId?: string): ContainerClient {
  if ('connectionString' in storage) return blobContainerFrom({ connectionString: storage.connectionString }, storage.container);
  const credential = new ManagedIdentityCredential(managedIdentityClientId ? { clientId: managedIdentityClientId } : {});
  return blobContainerFrom({ accountUrl: storage.accountUrl, credential }, storage.container);
}

export async function openStorage(
  storage: StorageConfig,
  options: { dataDir: string; watchLeaseSeconds: number; managedIdentityClientId?: string },
): Promise<OpenedStorage> {
  if (storage.kind === 'sqlite') {
    const database = openDatabase(databasePath(options.dataDir));
    const store = new SqliteStore(database);
    return { store, audit: new SqliteAuditTrail(database), watchLease: new LocalLease(store), close: () => database.close() };
  }
  const container = blobContainerOf(storage, options.managedIdentityClientId);
  const store = await BlobStore.open(container);
  return { store, audit: new BlobAuditTrail(container), watchLease: new BlobWatchLease(container, options.watchLeaseSeconds), close: () => undefined };
}
