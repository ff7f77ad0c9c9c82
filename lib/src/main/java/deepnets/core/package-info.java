/** Shape checks and small matrix helpers on row arrays ({@code double[N][D]}), shared by every package. */
package deepnets.core;
