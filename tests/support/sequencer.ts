// The order files are handed to the workers. vitest's own order (BaseSequencer) keeps each group's
// projects one after another by name, so in the walks' group the walks (`e2e`) went first and the
// timing files (`timing`, `timing-pg`) last: the crash tests, 17–29 s each, ended the run (in a run of
// 9043f64's 53 files they started at 231.9 s and 250.9 s of 280.8 s, and the group took 102.0 s;
// with this order 71.7–86.9 s in four runs, docs/testing.md).
// Here the timing projects go first, the PostgreSQL one before the SQLite one (its crash test is the
// longest file of the group), and the walks fill in after them. Within a project vitest's order
// stands: the longest first when the cache knows (a second run), the largest file first when it
// does not (a clean clone, as in CI). Group 0 keeps vitest's order: its projects share a module
// graph per worker (`isolate: false`), and mixing them would re-import the server at each switch.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const FIRST_IN_GROUP = ['timing-pg', 'timing'];

const rank = (spec: TestSpecification) => {
  const i = FIRST_IN_GROUP.indexOf(spec.project.name);
  return i === -1 ? FIRST_IN_GROUP.length : i;
};

export class TimingFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: files of equal rank keep vitest's order
    return sorted.sort((a, b) => a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder || rank(a) - rank(b));
  }
}
