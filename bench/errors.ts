/** A failure the benchmark explains itself: printed as its message, without a stack. */
export class BenchError extends Error {}
