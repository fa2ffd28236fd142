import { BlobServiceClient } from '@azure/storage-blob';

/**
 * Lets the desk, served from the host at `origins`, upload blocks straight to Blob Storage with its SAS URLs and load
 * pictures from it: the CORS rule Bicep sets on the Azure storage account (infra/azure/modules/storage.bicep).
 */
export async function allowDeskUploads(connectionString: string, origins: string[]): Promise<void> {
  await BlobServiceClient.fromConnectionString(connectionString).setProperties({
    cors: [
      {
        allowedOrigins: origins.join(','),
        allowedMethods: 'PUT,GET,HEAD,OPTIONS',
        allowedHeaders: 'x-ms-*,content-type',
        exposedHeaders: 'x-ms-*,etag,content-length,content-type',
        maxAgeInSeconds: 3600,
      },
    ],
  });
}
