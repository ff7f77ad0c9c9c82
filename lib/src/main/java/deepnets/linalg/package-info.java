/**
 * Linear algebra the lessons need beyond products of row arrays, on EJML: the Hessian of a cost and its
 * eigen-decomposition (the curvature of the cost along its principal directions).
 */
package deepnets.linalg;
