/**
 * Shape checks and small matrix helpers on row arrays ({@code double[N][D]}), shared by every package, and the
 * hooks of the bypass guard ({@link deepnets.core.EntryPoints}); this package depends on no other of the course.
 */
package deepnets.core;
