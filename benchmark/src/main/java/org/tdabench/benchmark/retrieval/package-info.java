/**
 * The self-retrieval sanity check: training images and planted duplicates as targets, recall@k of
 * their own ids. Cheap, needs no retraining, and catches sign errors early.
 */
package org.tdabench.benchmark.retrieval;
