import { describeStorageBackendContract } from './storage-backend.contract.js';
import { startGcsTarget } from './storage-setups.js';

describeStorageBackendContract('GCS (JSON-API fake, V4 signatures checked with the public key)', () =>
  startGcsTarget(),
);
