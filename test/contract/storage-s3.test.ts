import { describeStorageBackendContract } from './storage-backend.contract.js';
import { startS3Target } from './storage-setups.js';

describeStorageBackendContract('S3 (s3rver behind the SigV4-verifying front)', () => startS3Target());
