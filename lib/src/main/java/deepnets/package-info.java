/**
 * The course library under the notebooks of "Improving deep networks: hyperparameter tuning, batch
 * normalization and softmax". Packages by topic: {@code core} (shapes and matrix helpers),
 * {@code tuning} (sampling and search), {@code layers}, {@code optim}, {@code net} (network and
 * training), {@code gradcheck}, {@code data}, {@code charts}, {@code check} (what assert cells call)
 * and {@code jupyter} (inline display in the JJava kernel).
 */
package deepnets;
