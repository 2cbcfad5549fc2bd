import { describeStorageBackendContract } from './storage-backend.contract.js';
import { startLocalTarget } from './storage-setups.js';

describeStorageBackendContract('local disk (temp folder, asset route over HTTP)', startLocalTarget);
