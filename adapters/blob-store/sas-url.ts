import {
  BlobSASPermissions,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
  type BlobServiceClient,
  type BlockBlobClient,
  type UserDelegationKey,
} from '@azure/storage-blob';
import type { ResponseHeaders } from './blob-store.js';

/** A user delegation key may last at most 7 days; ask for 2 and renew a day before it ends. */
const KEY_DAYS = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * SAS URLs for one blob. With the account key (Azurite, keys) they are signed with it; as a managed
 * identity there is no key, so they are signed with a user delegation key the identity obtains
 * (Storage Blob Data Contributor/Owner allows it) — no account key ever reaches the app.
 */
export function sasSigner(service: BlobServiceClient) {
  let key: Promise<UserDelegationKey> | undefined;
  let keyExpires = 0;

  const delegationKey = (until: Date): Promise<UserDelegationKey> => {
    if (!key || keyExpires - until.getTime() < 0 || keyExpires - Date.now() < DAY_MS) {
      const startsOn = new Date(Date.now() - 5 * 60 * 1000);
      const expiresOn = new Date(Math.max(Date.now() + KEY_DAYS * DAY_MS, until.getTime() + 60_000));
      keyExpires = expiresOn.getTime();
      key = service.getUserDelegationKey(startsOn, expiresOn);
      key.catch(() => (key = undefined));
    }
    return key;
  };

  return async (blob: BlockBlobClient, permissions: 'cw' | 'r', expiresOn: Date, response: ResponseHeaders = {}): Promise<string> => {
    const { contentType, contentDisposition } = response;
    if (blob.credential instanceof StorageSharedKeyCredential) {
      return blob.generateSasUrl({ permissions: BlobSASPermissions.parse(permissions), expiresOn, contentType, contentDisposition });
    }
    const query = generateBlobSASQueryParameters(
      {
        containerName: blob.containerName,
        blobName: blob.name,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn,
        contentType,
        contentDisposition,
      },
      await delegationKey(expiresOn),
      service.accountName,
    );
    return `${blob.url}?${query.toString()}`;
  };
}
