// A setup file of the server and timing projects: before a file's own hooks, its database template
// is built (global-setup.ts builds it while the first files are imported). Its own timeout, not the
// hooks' 60 s: under a loaded CI machine the build once took half a minute.
import { beforeAll, inject } from 'vitest';
import { templateReady } from './templateReady.js';

beforeAll(() => templateReady(inject('templateReady')), 300_000);
