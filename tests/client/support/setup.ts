import { afterEach, beforeAll, expect } from 'vitest';
import { declaredRoutes, schemaViolations } from './network.js';

// React's act() warnings are for test environments that declare themselves
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// the server's routes and schemas, which every fake-server call is checked against
beforeAll(() => declaredRoutes().then(() => undefined), 60_000);

afterEach(() => {
  localStorage.clear();
  // what the client sent that the server's schemas would refuse (support/network.ts)
  const violations = schemaViolations.splice(0);
  expect(violations, 'requests the server would refuse as malformed').toEqual([]);
});
