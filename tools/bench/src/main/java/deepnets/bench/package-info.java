/**
 * JMH benchmarks of the course library's hot kernels: batch norm, softmax cross-entropy, one training epoch
 * on the digits, and the machine's memory bandwidth as a yardstick. {@code tools/bench/run_bench.py} runs them
 * next to the same operations in NumPy and prints one table.
 */
package deepnets.bench;
