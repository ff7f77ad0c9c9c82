package deepnets.net;

import java.util.Arrays;

/**
 * What happened in each epoch of training: test-mode loss and accuracy on the training and validation sets
 * after the epoch, and the learning rate used. Getters return fresh copies.
 *
 * <p>Taught in notebooks/solutions/03-pandas-vs-caviar.ipynb (babysitting one run by its history).
 */
public final class History {

    private double[] trainLoss = new double[0];
    private double[] trainAccuracy = new double[0];
    private double[] valLoss = new double[0];
    private double[] valAccuracy = new double[0];
    private double[] learningRate = new double[0];
    private double[] batchLoss = new double[0];

    History() {
    }

    void addEpoch(double trainLoss, double trainAccuracy, double valLoss, double valAccuracy, double learningRate) {
        this.trainLoss = append(this.trainLoss, trainLoss);
        this.trainAccuracy = append(this.trainAccuracy, trainAccuracy);
        this.valLoss = append(this.valLoss, valLoss);
        this.valAccuracy = append(this.valAccuracy, valAccuracy);
        this.learningRate = append(this.learningRate, learningRate);
    }

    void addBatchLosses(double[] losses) {
        double[] all = Arrays.copyOf(batchLoss, batchLoss.length + losses.length);
        System.arraycopy(losses, 0, all, batchLoss.length, losses.length);
        batchLoss = all;
    }

    private static double[] append(double[] a, double v) {
        double[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    /** Number of completed epochs. */
    public int epochs() {
        return trainLoss.length;
    }

    /** Training-set loss after each epoch (test mode), (epochs,). */
    public double[] trainLoss() {
        return trainLoss.clone();
    }

    /** Training-set accuracy after each epoch (test mode), (epochs,). */
    public double[] trainAccuracy() {
        return trainAccuracy.clone();
    }

    /** Validation loss after each epoch, (epochs,). */
    public double[] valLoss() {
        return valLoss.clone();
    }

    /** Validation accuracy after each epoch, (epochs,). */
    public double[] valAccuracy() {
        return valAccuracy.clone();
    }

    /** Learning rate used in each epoch, (epochs,). */
    public double[] learningRate() {
        return learningRate.clone();
    }

    /** Loss of every mini-batch before its update, in order (noisy: the curve of mini-batch gradient descent). */
    public double[] batchLoss() {
        return batchLoss.clone();
    }
}
