package org.tdabench.models.config;

/**
 * EDM (Karras et al. 2022) preconditioning and training-noise settings.
 *
 * @param sigmaData sigma_data (0.5)
 * @param pMean mean of log sigma during training (-1.2)
 * @param pStd standard deviation of log sigma during training (1.2)
 * @param condDropout probability of replacing the condition by the learned null vector during
 *     training (classifier-free guidance; 0.1)
 */
public record EdmConfig(double sigmaData, double pMean, double pStd, double condDropout) {
  public static final EdmConfig REFERENCE = new EdmConfig(0.5, -1.2, 1.2, 0.1);

  public EdmConfig {
    DitEdmConfig.require(sigmaData > 0, "sigmaData must be positive, got " + sigmaData);
    DitEdmConfig.require(pStd > 0, "pStd must be positive, got " + pStd);
    DitEdmConfig.require(condDropout >= 0 && condDropout < 1,
        "condDropout must be in [0, 1), got " + condDropout);
  }
}
