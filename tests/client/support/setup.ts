import { afterEach } from 'vitest';

// React's act() warnings are for test environments that declare themselves
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  localStorage.clear();
});
