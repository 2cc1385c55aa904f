/**
 * The linear datamodeling score: subset families drawn from the seed tree (stratified, "eval" and
 * "tune"), LDS per target with bootstrap intervals over subsets, targets and both, and hyper-parameter
 * selection on the tune family with the optimistic same-family value kept apart.
 */
package org.tdabench.benchmark.lds;
