// The trivial workflow the bench starts raw, to compare with a submission through the whole stack.
export async function benchNoop(): Promise<string> {
  return 'ok';
}
