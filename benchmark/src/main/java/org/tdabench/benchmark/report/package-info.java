/**
 * Result files and the report: leaderboard and detail CSVs (OpenCSV, locale-free fixed decimals),
 * JFreeChart charts as PNG and SVG, before/after image grids and a self-contained HTML page.
 */
package org.tdabench.benchmark.report;
