/**
 * What the Pulumi engine does with a dynamic provider's answers, reduced to the part the orphan
 * tests need (pulumi-dynamic-providers.md §4): a create that throws an error carrying `id` and
 * `properties` is recorded with init errors, and the next `up` continues it with an update; a
 * preview after a refresh is clean when `diff` finds no change in what `read` reports.
 */
import { expect } from "chai";
import type { Handler } from "../../../provider/handlers/handler";

export interface Recorded<O> {
  id: string;
  outs: O;
}

/** First `up`: the create must fail, and must still hand the engine the object's id. */
export async function failedFirstUp<I, O>(handler: Handler<I, O>, inputs: I): Promise<Recorded<O>> {
  const err = (await handler.create(inputs).then(
    () => undefined,
    (e: unknown) => e,
  )) as (Error & { id?: string; properties?: O }) | undefined;
  expect(err, "the first up was expected to fail").to.be.instanceOf(Error);
  const failure = err as Error & { id?: string; properties?: O };
  expect(failure.id, `the failed create recorded nothing (an orphan): ${failure.message}`).to.be.a("string");
  expect(failure.message).to.match(/Run 'pulumi up' again/);
  return { id: failure.id as string, outs: failure.properties as O };
}

/** Second `up`: the engine updates a resource recorded with init errors. */
export async function secondUp<I, O>(
  handler: Handler<I, O>,
  rec: Recorded<O>,
  inputs: I,
): Promise<Recorded<O>> {
  return { id: rec.id, outs: (await handler.update(rec.id, rec.outs, inputs)).outs };
}

/** `pulumi preview --refresh` after: read what exists, then diff it against the program's inputs. */
export async function expectCleanPreview<I, O>(
  handler: Handler<I, O>,
  rec: Recorded<O>,
  inputs: I,
): Promise<void> {
  const read = await handler.read(rec.id, rec.outs);
  expect(read.props, "the recorded object no longer exists").to.not.equal(undefined);
  const diff = await handler.diff(rec.id, read.props as O, inputs);
  expect(diff.changes, `preview shows changes: ${JSON.stringify(diff)}`).to.equal(false);
}
