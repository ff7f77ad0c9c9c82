/** Numeric gradients by centred differences, and the relative error used to compare them with backward passes. */
package deepnets.gradcheck;
