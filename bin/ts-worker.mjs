// Bootstrap for worker threads that run TypeScript modules: registers tsx in
// this thread (loader hooks are per thread) and imports the module named in
// `workerData.module`. Used by the DP4 import to check rows off the main thread.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
