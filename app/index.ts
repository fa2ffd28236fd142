import { BlobServiceClient } from '@azure/storage-blob';
import { loadConfig } from './config.js';
import { registerHealth } from '../ingest/health.js';

// The function app's entry point (package.json "main"): real clients are wired once, here.
const config = loadConfig();
const blobService = BlobServiceClient.fromConnectionString(config.storageConnectionString);

registerHealth({ blobService });
