// The store for several bot instances: one JSON blob per item in an Azure Blob Storage container,
// each conditional write a single request with an ETag condition, so that Azure, not the instances,
// decides which of two concurrent writers wins.
import {
  BlobServiceClient,
  RestError,
  type AnonymousCredential,
  type BlobClient,
  type BlobItem,
  type ContainerClient,
  type ModifiedAccessConditions,
  type StoragePipelineOptions,
  type StorageSharedKeyCredential,
} from '@azure/storage-blob';
import type { TokenCredential } from '@azure/identity';
import { AlreadyExistsError, ETagConflictError, type ConcurrentStore, type StoreItem, type StoreItems } from './storage';
import { itemJson, itemWithETag, overwrites } from './storedItem';
import { AdminFacingError } from '../errors';

/** Thrown for anything that is not a failed condition: Azure unreachable, 5xx, a deleted container. */
export class StorageUnavailableError extends AdminFacingError {
  constructor(
    readonly container: string,
    readonly reason: string,
  ) {
    super(`Tenant Warden's shared storage, the blob storage container "${container}", is unreachable or failing (${reason}). Nothing was changed; try again when it is back.`);
    this.name = 'StorageUnavailableError';
  }
}

/** Status and error code only: an SDK error's message or request may carry the account URL and its headers. */
function reasonOf(error: unknown): string {
  if (error instanceof RestError) {
    const parts = [error.statusCode === undefined ? undefined : `HTTP ${error.statusCode}`, error.code];
    return parts.filter(Boolean).join(' ') || 'no answer';
  }
  if (error instanceof Error && error.name === 'AbortError') return 'no answer in time';
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
}

export function unavailable(container: string, error: unknown): StorageUnavailableError {
  return error instanceof StorageUnavailableError ? error : new StorageUnavailableError(container, reasonOf(error));
}

/** 412 for a failed If-Match or If-None-Match, 409 BlobAlreadyExists for If-None-Match "*" (Azure), 404 BlobNotFound should If-Match on a deleted blob answer so. */
function conditionFailed(error: unknown): boolean {
  if (!(error instanceof RestError)) return false;
  return error.statusCode === 412 || error.code === 'BlobAlreadyExists' || (error.statusCode === 404 && error.code === 'BlobNotFound');
}

/** Gives up sooner than the SDK's defaults (4 tries, 4 s apart and growing, no time limit per try): a turn is waiting. */
const DEFAULT_PIPELINE_OPTIONS: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, retryDelayInMs: 500, maxRetryDelayInMs: 4000, tryTimeoutInMs: 20_000 },
};

/** A connection string (Azurite, or an account key), or an account URL with a shared key or an Entra token credential such as a managed identity. */
export type BlobAccount = string | { connectionString: string } | { accountUrl: string; credential: StorageSharedKeyCredential | AnonymousCredential | TokenCredential };

/** A container client from a connection string, or an account URL and a credential (e.g. a managed identity). */
export function blobContainerFrom(account: BlobAccount, containerName: string, options: StoragePipelineOptions = {}): ContainerClient {
  const pipeline = { ...DEFAULT_PIPELINE_OPTIONS, ...options };
  if (typeof account === 'string') account = { connectionString: account };
  const service =
    'connectionString' in account
      ? BlobServiceClient.fromConnectionString(account.connectionString, pipeline)
      : new BlobServiceClient(account.accountUrl, account.credential, pipeline);
  return service.getContainerClient(containerName);
}

/** The blob's text and ETag, or undefined when there is no such blob. */
export async function downloadText(blob: BlobClient): Promise<{ text: string; eTag: string } | undefined> {
  try {
    const response = await blob.download();
    const chunks: Buffer[] = [];
    for await (const chunk of response.readableStreamBody ?? []) chunks.push(Buffer.from(chunk as Buffer));
    return { text: Buffer.concat(chunks).toString('utf8'), eTag: response.etag as string };
  } catch (error) {
    if (error instanceof RestError && error.statusCode === 404 && error.code === 'BlobNotFound') return undefined;
    throw unavailable(blob.containerName, error);
  }
}

/** Uploads JSON text in one request; returns the new ETag, or undefined when the condition did not hold. */
export async function uploadText(
  blob: BlobClient,
  text: string,
  conditions: ModifiedAccessConditions = {},
  metadata?: Record<string, string>,
): Promise<string | undefined> {
  const body = Buffer.from(text, 'utf8');
  try {
    const response = await blob.getBlockBlobClient().upload(body, body.length, {
      conditions,
      metadata,
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
    return response.etag as string;
  } catch (error) {
    if (conditionFailed(error)) return undefined;
    throw unavailable(blob.containerName, error);
  }
}

/** Listed blobs a page at a time, in name order. */
export async function* blobPages(container: ContainerClient, prefix: string, options: { metadata?: boolean; pageSize?: number } = {}) {
  const pages = container.listBlobsFlat({ prefix, includeMetadata: options.metadata }).byPage({ maxPageSize: options.pageSize ?? 500 });
  for (;;) {
    let page: IteratorResult<{ segment: { blobItems: BlobItem[] } }>;
    try {
      page = await pages.next();
    } catch (error) {
      throw unavailable(container.containerName, error);
    }
    if (page.done) return;
    yield page.value.segment.blobItems;
  }
}

const PARALLEL_REQUESTS = 16;

/** `work` on every item, at most PARALLEL_REQUESTS at a time; results in the items' order. */
export async function mapBounded<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_REQUESTS, items.length) }, worker));
  return results;
}

// Keys become blob names under items/ (so they never meet the audit trail's blobs), '/' kept as the
// virtual folder separator. Inside a segment, letters, digits, '-' and '_' stay; any other UTF-16 code
// unit becomes ~XX or ~uXXXX. That leaves no '.', '..' or trailing dot, no '%' the SDK might take for
// an escape, and no empty segment (written "~"): Azure and URL handling keep every name as it is.
const ITEMS = 'items/';
const PLAIN = /^[A-Za-z0-9_-]$/;

function escapeText(text: string): string {
  let escaped = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const unit = text.charCodeAt(i);
    if (PLAIN.test(char)) escaped += char;
    else if (unit < 0x100) escaped += `~${unit.toString(16).toUpperCase().padStart(2, '0')}`;
    else escaped += `~u${unit.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return escaped;
}

function unescapeText(text: string): string {
  return text.replace(/~u([0-9A-F]{4})|~([0-9A-F]{2})/g, (_match, long?: string, short?: string) => String.fromCharCode(parseInt(long ?? short ?? '', 16)));
}

const escapeSegment = (segment: string) => (segment === '' ? '~' : escapeText(segment));

export function blobNameOf(key: string): string {
  return ITEMS + key.split('/').map(escapeSegment).join('/');
}

export function keyOf(blobName: string): string {
  return blobName
    .slice(ITEMS.length)
    .split('/')
    .map((segment) => (segment === '~' ? '' : unescapeText(segment)))
    .join('/');
}

/** Whole segments as in a name; the last, partial one escaped code unit by code unit, which prefixes its escape in any longer segment. */
function namePrefixOf(prefix: string): string {
  const segments = prefix.split('/');
  const partial = segments.pop() as string;
  return ITEMS + [...segments.map(escapeSegment), escapeText(partial)].join('/');
}

export class BlobStore implements ConcurrentStore {
  constructor(private readonly container: ContainerClient) {}

  /** Creates the container if it is not there yet. */
  static async open(container: ContainerClient): Promise<BlobStore> {
    try {
      await container.createIfNotExists();
    } catch (error) {
      throw unavailable(container.containerName, error);
    }
    return new BlobStore(container);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found = await mapBounded(keys, (key) => downloadText(this.blob(key)));
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const stored = found[i];
      if (stored) items[key] = itemWithETag(stored.text, stored.eTag);
    });
    return items;
  }

  /**
   * An item whose eTag is "*" or absent overwrites; any other eTag must match the blob's (a missing
   * blob matches none). Blobs cannot be written together atomically, so with several items every
   * condition is checked before anything is written, and the conditional items go first: a stale eTag
   * writes nothing, unless another writer changes an item between the check and the write.
   */
  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    const conditional = entries.filter(([, item]) => !overwrites(item));
    if (entries.length > 1) {
      await mapBounded(conditional, async ([key, item]) => {
        if ((await downloadText(this.blob(key)))?.eTag !== item.eTag) throw new ETagConflictError(key);
      });
    }
    for (const [key, item] of [...conditional, ...entries.filter(([, item]) => overwrites(item))]) {
      const conditions = overwrites(item) ? {} : { ifMatch: item.eTag };
      if ((await uploadText(this.blob(key), itemJson(item), conditions)) === undefined) throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await mapBounded(keys, async (key) => {
      try {
        await this.blob(key).deleteIfExists();
      } catch (error) {
        throw unavailable(this.container.containerName, error);
      }
    });
  }

  async create(key: string, item: StoreItem): Promise<string> {
    const eTag = await uploadText(this.blob(key), itemJson(item), { ifNoneMatch: '*' });
    if (eTag === undefined) throw new AlreadyExistsError(key);
    return eTag;
  }

  async replace(key: string, item: StoreItem, eTag: string): Promise<string> {
    const next = await uploadText(this.blob(key), itemJson(item), { ifMatch: eTag });
    if (next === undefined) throw new ETagConflictError(key);
    return next;
  }

  /** The prefix is matched literally (Azure's listing prefix has no wildcards); a blob deleted between listing and reading is left out. */
  async list(prefix: string): Promise<StoreItems> {
    const items: StoreItems = {};
    for await (const blobs of blobPages(this.container, namePrefixOf(prefix))) {
      const keys = blobs.map((blob) => keyOf(blob.name));
      Object.assign(items, await this.read(keys));
    }
    return items;
  }

  private blob(key: string): BlobClient {
    return this.container.getBlobClient(blobNameOf(key));
  }
}
